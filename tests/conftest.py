"""Shared test settings."""

import pytest


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets an empty cache folder, so no test sees another's (or the user's) cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the filter registry for one test: the toy filters it registers are gone after it,
    even when it fails. (``_REGISTRY`` is private; only tests swap it.)"""
    from normalize import registry

    registry.all_filters()  # the built-in filters (and any plugin) loaded before the copy
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
