"""Remember which file contents are already clean, so a rerun on an unchanged tree cleans nothing.

As black's cache does, one cache file holds the results for one set of settings: its name is a
digest of the normalize version and code (the path, size and time of each of its files), the
filters in force with their options, and the contents of any data file an option names (a names
dictionary). Inside, each entry is the 16-byte digest of a file's suffix and bytes
(:func:`normalize.files.content_digest`) that cleaning leaves as they are and says nothing about,
not even a report-only edit (:attr:`normalize.files.Outcome.clean_digest`); a hit therefore
means running the filters would do nothing. Keying on content rather than on path and mtime
means a copied or moved clean file is a hit too.

The cache lives in the user's cache folder (``$NORMALIZE_CACHE_DIR``, else
``$XDG_CACHE_HOME/normalize``, else ``~/.cache/normalize``), not in a ``.normalize_cache`` folder
in the tree: the trees normalize cleans are article archives and repositories of articles, often
read-only or shared, where a stray folder would need ignoring in every one of them; and since
entries do not depend on paths, one cache serves every tree.

>>> from normalize.config import Config
>>> settings_key(Pipeline(Config(skip=("whitespace",)))) != settings_key(Pipeline(Config()))
True
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import sys
from pathlib import Path

from normalize import __version__
from normalize.files import atomic_write
from normalize.pipeline import Pipeline

DIGEST_SIZE = 16


def cache_dir() -> Path:
    """Where cache files live; ``$NORMALIZE_CACHE_DIR`` overrides it (the tests use it)."""
    if explicit := os.environ.get("NORMALIZE_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "normalize"


def settings_key(pipeline: Pipeline, *more: object) -> str:
    """A digest of everything besides a file's bytes that decides how it is cleaned.

    ``more``: other settings that change the cleaning (file-format options); their ``repr``
    goes into the key, so they must be dataclasses or other values with a faithful one.
    """
    config = pipeline.config
    parts = [__version__, code_fingerprint(), *map(repr, more)]
    for spec in config.selected():
        options = config.options_for(spec)
        module = sys.modules[spec.find_edits.__module__]
        parts.append(f"{spec.name}:{spec.order}:{module.__name__}:{options!r}")
        if module_file := getattr(module, "__file__", None):  # a plugin's code counts too
            parts.append(hashlib.blake2b(Path(module_file).read_bytes()).hexdigest())
        for field in dataclasses.fields(options) if options is not None else ():
            value = getattr(options, field.name)
            if field.metadata.get("path") and value and os.path.isfile(value):
                parts.append(hashlib.blake2b(Path(value).read_bytes()).hexdigest())
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=DIGEST_SIZE).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A digest of normalize's own code and data files (:func:`tree_status`).

    The version alone would not do: while a filter is being developed the version stays the
    same and a stale cache would hide the filter's new edits.
    """
    return tree_status(os.path.dirname(os.path.abspath(__file__)))


def tree_status(folder: str) -> str:
    """A digest of the relative path, size and modification time of every file under ``folder``.

    Saving or checking out a file changes its time, so its status says enough, as it does for
    black's cache; reading and hashing normalize's 0.9 MB of files instead took a few
    milliseconds of every start (the pre-commit case). ``__pycache__`` folders are left out.
    """
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            path = os.path.join(parent, name)
            status = os.stat(path)
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class Cache:
    """The set of content digests known to be clean under one set of settings."""

    def __init__(self, folder: Path, key: str) -> None:
        self.path = folder / f"clean.{key}.bin"
        self.known_clean = frozenset(self._read())
        self._new: set[bytes] = set()

    @classmethod
    def for_pipeline(cls, pipeline: Pipeline, *more: object) -> Cache:
        return cls(cache_dir(), settings_key(pipeline, *more))

    def _read(self) -> list[bytes]:
        try:
            data = self.path.read_bytes()
        except OSError:
            return []
        if len(data) % DIGEST_SIZE:
            return []  # a damaged cache only costs a rerun
        return [data[start : start + DIGEST_SIZE] for start in range(0, len(data), DIGEST_SIZE)]

    def add(self, digest: bytes) -> None:
        if digest not in self.known_clean:
            self._new.add(digest)

    def save(self) -> None:
        """Write the old and new entries back; a cache that cannot be written is not an error."""
        if not self._new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, b"".join(sorted(self.known_clean | self._new)))
        except OSError:
            pass
