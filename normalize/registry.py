"""The filter registry: names, summaries, canonical order, options, and third-party entry points.

Built-in filters register when :mod:`normalize.filters` is imported. Other packages declare
``[project.entry-points."normalize.filters"] my-filter = "my_pkg.filters"``; that group is loaded
once, lazily, the first time the registry is asked for anything.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from normalize.edits import Edit
from normalize.errors import NormalizeError

FindEdits = Callable[..., Iterable[Edit]]
ENTRY_POINT_GROUP = "normalize.filters"


class FilterSpec(NamedTuple):  # not a frozen dataclass: every start defines it, and a NamedTuple is much faster to define
    """A registered filter: ``find_edits(text)`` or ``find_edits(text, options)`` yields edits."""

    name: str
    find_edits: FindEdits
    summary: str
    default: bool
    order: int
    options: type | None = None

    def edits(self, text: str, options: Any = None) -> Iterator[Edit]:
        if self.options is None:
            return iter(self.find_edits(text))
        return iter(self.find_edits(text, options if options is not None else self.options()))


_REGISTRY: dict[str, FilterSpec] = {}
_loaded = False


def register(
    name: str, *, order: int, default: bool = True, options: type | None = None
) -> Callable[[FindEdits], FindEdits]:
    """Register a filter function under ``name``; the function itself is returned unchanged.

    Its summary is the first line of its module's docstring (what ``normalize filters`` prints).
    """

    def decorate(find_edits: FindEdits) -> FindEdits:
        if name in _REGISTRY:
            raise ValueError(f"a filter named {name!r} is already registered")
        module_doc = importlib.import_module(find_edits.__module__).__doc__ or ""
        summary = (module_doc.strip() or find_edits.__doc__ or name).splitlines()[0].strip()
        _REGISTRY[name] = FilterSpec(name, find_edits, summary, default, order, options)
        return find_edits

    return decorate


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    importlib.import_module("normalize.filters")
    if not _plugins_may_be_declared():
        return
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception as error:  # a broken plugin must be named, not crash with a traceback
            raise NormalizeError(
                f"filter plugin {entry_point.name!r} ({entry_point.value}) failed to load: {error}"
            ) from error


def _plugins_may_be_declared() -> bool:
    """Whether an installed distribution's ``entry_points.txt`` names the plugin group.

    Importing :mod:`importlib.metadata` takes longer than a whole ``--check`` of a small file
    (the pre-commit case), so the metadata folders on ``sys.path`` are read first; a zip file on
    the path, which only importlib can read, counts as a yes.
    """
    for folder in sys.path:
        if os.path.isfile(folder):
            return True
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info")):
                declared = os.path.join(entry.path, "entry_points.txt")
            elif entry.name.endswith(".egg"):
                declared = os.path.join(entry.path, "EGG-INFO", "entry_points.txt")
            else:
                continue
            try:
                with open(declared, encoding="utf-8") as handle:
                    if ENTRY_POINT_GROUP in handle.read():
                        return True
            except OSError:
                continue
    return False


def all_filters() -> list[FilterSpec]:
    """Every registered filter, in canonical order."""
    _ensure_loaded()
    return sorted(_REGISTRY.values(), key=lambda spec: (spec.order, spec.name))


def default_names() -> tuple[str, ...]:
    return tuple(spec.name for spec in all_filters() if spec.default)


def lookup(name: str, *, where: str = "") -> FilterSpec:
    """The filter called ``name``, or an error that suggests the closest name."""
    _ensure_loaded()
    try:
        return _REGISTRY[name]
    except KeyError:
        import difflib  # only on this error path: it is not needed to start

        close = difflib.get_close_matches(name, _REGISTRY, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        prefix = f"{where}: " if where else ""
        known = ", ".join(spec.name for spec in all_filters())
        raise NormalizeError(f"{prefix}unknown filter {name!r}{hint} (known: {known})") from None


def ordered(names: Iterable[str], *, where: str = "") -> tuple[FilterSpec, ...]:
    """The named filters, validated, in canonical order whatever order they were named in."""
    specs = {spec.name: spec for spec in (lookup(name, where=where) for name in names)}
    return tuple(sorted(specs.values(), key=lambda spec: (spec.order, spec.name)))
