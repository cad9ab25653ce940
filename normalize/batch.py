"""Find the files a run cleans, and clean them in a process pool with a deterministic output order.

Discovery walks each folder it is given: it keeps files whose name (or path relative to that
folder) matches an ``include`` glob and none of the ``exclude`` globs, skips hidden folders
(``.git`` among them), and, inside a git work tree, what ``.gitignore`` ignores. It follows no
symbolic link: a linked file is skipped and counted (its target, when inside the tree, is found
under its own path), a linked folder is not entered. A file named on the command line is cleaned
whatever its name, unless an ``exclude`` glob matches it (pre-commit passes every file by name,
and the project's excludes must still hold).

A glob without ``/`` matches a file or folder name at any depth; one with ``/`` matches the path
relative to the folder given on the command line (``*`` also crosses ``/``):

>>> matches(("*.txt",), PurePosixPath("a/b.txt")), matches(("drafts/**",), PurePosixPath("drafts/x/y.md"))
(True, True)
>>> matches(("drafts/**",), PurePosixPath("old/drafts/y.md"))
False
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import deque
from contextlib import closing
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Container, Iterable, Iterator, Sequence

from normalize.cache import Cache
from normalize.errors import NormalizeError
from normalize.formats import Formats
from normalize.files import (
    Destination, Outcome, SkippedFile, Streams, clean_bytes, clean_path, write_copy, write_in_place,
)
from normalize.pipeline import Pipeline


@dataclass(frozen=True)
class Found:
    """A file to clean: ``path`` to read it by, ``relative`` to the argument it was found under."""

    path: Path
    relative: PurePosixPath


@dataclass(frozen=True)
class Skip:
    """A file that was not cleaned, why (for the summary), and the line the user sees (if any)."""

    path: str
    reason: str
    message: str = ""
    error: bool = False


def matches(patterns: Iterable[str], relative: PurePosixPath, folder: bool = False) -> bool:
    """True if a glob matches ``relative`` (a folder also matches ``name/`` and ``path/...``)."""
    candidates = [str(relative), f"{relative}/"] if folder else [str(relative)]
    for pattern in patterns:
        if "/" in pattern.rstrip("/"):
            if any(fnmatchcase(candidate, pattern) for candidate in candidates):
                return True
        elif fnmatchcase(relative.name, pattern.rstrip("/")) and (folder or not pattern.endswith("/")):
            return True
    return False


def discover(
    arguments: Sequence[str], include: Sequence[str], exclude: Sequence[str], skip_folder: Path | None = None
) -> tuple[list[Found], list[Skip]]:
    """The files to clean, sorted by path and without duplicates, and the files skipped.

    ``skip_folder`` (the ``--output`` folder) is never entered, so a rerun does not clean its
    own output.
    """
    found: dict[str, Found] = {}
    skipped: list[Skip] = []
    avoid = os.path.realpath(skip_folder) if skip_folder is not None else None
    real_folder = functools.cache(os.path.realpath)
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files, skips = _walk(path, include, exclude, avoid)
            # a walked file is no link: its folder's real path and its name say where it is
            # (realpath once per folder, not once per file: it makes a system call per level)
            keys = [os.path.join(real_folder(os.path.dirname(file.path)), file.path.name) for file in files]
        else:
            if not (path.exists() or path.is_symlink()):
                files, skips = [], [Skip(argument, "not found", f"{argument}: no such file or folder", True)]
            elif _excluded_on_its_path(exclude, PurePosixPath(path.as_posix())):
                files, skips = [], [Skip(argument, "excluded by a pattern")]
            else:
                files, skips = [Found(path, PurePosixPath(path.name))], []
            keys = [os.path.realpath(file.path) for file in files]
        skipped.extend(skips)
        for key, file in zip(keys, files, strict=True):
            found.setdefault(key, file)
    return sorted(found.values(), key=lambda file: str(file.path)), skipped


def _excluded_on_its_path(exclude: Sequence[str], path: PurePosixPath) -> bool:
    """True if a glob matches a file named on the command line, or a folder on its path."""
    folders = [folder for folder in path.parents if folder.name]
    return matches(exclude, path) or any(matches(exclude, folder, folder=True) for folder in folders)


def _walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], avoid: str | None
) -> tuple[list[Found], list[Skip]]:
    ignored = git_ignored(root)
    files: list[Found] = []
    skipped: list[Skip] = []
    def unreadable(error: OSError) -> None:  # os.walk would leave the folder out without a word
        skipped.append(Skip(str(error.filename), "unreadable", f"{error.filename}: cannot read folder: {error.strerror}", True))

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".")
            and f"{base / name}/" not in ignored
            and not os.path.islink(os.path.join(folder, name))
            and not matches(exclude, base / name, folder=True)
            and os.path.realpath(os.path.join(folder, name)) != avoid
        )
        for name in sorted(names):
            relative = base / name
            if not matches(include, relative) or matches(exclude, relative) or str(relative) in ignored:
                continue
            path = Path(folder, name)
            if path.is_symlink():
                skipped.append(Skip(str(path), _symlink_reason(path, root)))
            else:
                files.append(Found(path, relative))
    return files, skipped


def _symlink_reason(link: Path, root: Path) -> str:
    target = os.path.realpath(link)
    inside = os.path.commonpath([target, os.path.realpath(root)]) == os.path.realpath(root)
    return "symbolic link (target cleaned by its own path)" if inside else "symbolic link out of the tree"


def git_ignored(root: Path) -> frozenset[str]:
    """Paths under ``root`` (relative, folders ending in ``/``) that git ignores; empty outside git.

    A folder the user named is cleaned even when it is itself ignored (git reports it as ``./``).
    """
    import subprocess  # only a folder walk needs it: start-up matters for pre-commit's few files

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            cwd=root, capture_output=True, check=False,
        )
    except OSError:  # no git on this machine: nothing can be ignored by it
        return frozenset()
    if listed.returncode != 0:  # not inside a git work tree
        return frozenset()
    return frozenset(listed.stdout.decode("utf-8", "surrogateescape").split("\0")) - {"", "./"}


@dataclass(frozen=True)
class FileCleaner:
    """Clean one file by path; pickled once into each worker process.

    A worker process sends back only what the run uses (``texts``, ``data``, :meth:`to_send`):
    an outcome is pickled to the parent, and the texts a ``--check`` run never shows were most of
    that cost.
    """

    pipeline: Pipeline
    known_clean: Container[bytes] = frozenset()
    formats: Formats = Formats()
    streams: Streams | None = None
    """Stream JSON Lines files (:func:`normalize.files.stream_jsonl`), making what the run shows."""
    texts: bool = True
    """The run shows or reports the texts and changes (a diff, an explanation, a report)."""
    data: bool = True
    """The run writes or prints the cleaned bytes."""

    def __call__(self, path: Path, destination: Destination | None = None) -> Outcome | Skip:
        try:
            return clean_path(path, self.pipeline, self.known_clean, formats=self.formats,
                              streams=self.streams, destination=destination)
        except NormalizeError as error:  # one file's problem: the run goes on with the others
            return skip_for(str(path), error)

    def clean_data(self, data: bytes, name: str) -> Outcome | Skip:
        """Clean contents read elsewhere (on a Dask worker, the file was read by the client)."""
        try:
            return clean_bytes(data, name, self.pipeline, self.known_clean, formats=self.formats)
        except NormalizeError as error:
            return skip_for(name, error)

    def to_send(self, item: Outcome | Skip) -> Outcome | Skip:
        """``item`` as a worker process sends it back: without what the run does not use."""
        return item.trimmed(texts=self.texts, data=self.data) if isinstance(item, Outcome) else item


def skip_for(name: str, error: NormalizeError) -> Skip:
    return Skip(name, getattr(error, "reason", "error"), error.message, True)


_worker_cleaner: FileCleaner | None = None
# Below this many bytes to clean, one process beats a pool: each worker pays its start and the
# filters' first calls. `python bench/pool_threshold.py` finds where a pool starts to pay.
POOL_MIN_BYTES = 160 * 1024
CHUNKS_AHEAD = 4  # chunks of files per worker cleaned or queued ahead of the one being yielded


def _start_worker(cleaner: FileCleaner) -> None:
    import signal  # only in a worker process: not worth the start of every run

    global _worker_cleaner
    _worker_cleaner = cleaner
    # Ctrl-C reaches the whole process group; only the parent may act on it. A worker that got
    # it too could die between tasks and leave the pool's shutdown waiting for it forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _clean_in_worker(paths: Sequence[Path], destinations: Sequence[Destination | None]) -> list[Outcome | Skip]:
    """Clean a chunk of files: one task for the pool, so that each file is not a round trip."""
    assert _worker_cleaner is not None, "the pool initializer sets it"
    return [_worker_cleaner.to_send(item) for item in map(_worker_cleaner, paths, destinations)]


def clean_files(
    paths: Sequence[Path], cleaner: FileCleaner, jobs: int, scheduler: str | None = None,
    destinations: Sequence[Destination | None] | None = None,
) -> Iterator[Outcome | Skip]:
    """Clean ``paths`` with up to ``jobs`` processes, yielding outcomes in the order of ``paths``.

    ``destinations``: where each streamed file's cleaned bytes are to be written (the worker
    makes its temporary file there). With ``scheduler`` (a Dask scheduler's address) the
    cleaning runs on that cluster instead, from bytes read here: nothing is streamed.
    """
    if scheduler is not None:
        from normalize.dask import clean_files_on_cluster

        yield from clean_files_on_cluster(scheduler, paths, cleaner)
        return
    destinations = destinations or [None] * len(paths)
    if jobs <= 1 or len(paths) <= 1:
        for item in map(cleaner, paths, destinations):
            try:
                yield item
            except BaseException:  # closed with this file in hand (Ctrl-C): the caller is done with it
                _discard_outcomes([item])
                raise
        return
    yield from _clean_in_pool(paths, destinations, cleaner, min(jobs, len(paths)))


def _clean_in_pool(
    paths: Sequence[Path], destinations: Sequence[Destination | None], cleaner: FileCleaner, workers: int
) -> Iterator[Outcome | Skip]:
    """:func:`clean_files` with a pool of ``workers`` processes, in chunks of files: at most
    ``CHUNKS_AHEAD`` per worker wait to be yielded, so memory does not grow with the run."""
    from concurrent.futures import Future, ProcessPoolExecutor  # with multiprocessing: 5 ms of start-up

    chunksize = max(1, min(32, len(paths) // (workers * 4)))
    starts = iter(range(0, len(paths), chunksize))
    executor = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(cleaner,))
    pending: deque[Future[list[Outcome | Skip]]] = deque()

    def submit(chunks: int) -> None:
        for at in itertools.islice(starts, chunks):
            pending.append(executor.submit(_clean_in_worker, paths[at : at + chunksize], destinations[at : at + chunksize]))

    in_hand: list[Outcome | Skip] = []
    submit(workers * CHUNKS_AHEAD)
    try:
        while pending:
            in_hand = pending.popleft().result()
            submit(1)
            yield from in_hand
    except BaseException:  # Ctrl-C, or the caller stopped early: the queued files are not cleaned,
        # and the temporary files of those cleaned (what a streamed file shows, and its cleaned
        # bytes staged beside it) are removed once the workers are done with the files they hold
        executor.shutdown(wait=True, cancel_futures=True)
        _discard_outcomes(in_hand)
        for chunk in pending:
            if not chunk.cancelled() and chunk.exception() is None:
                _discard_outcomes(chunk.result())
        raise
    executor.shutdown()


def _discard_outcomes(items: Iterable[Outcome | Skip]) -> None:
    """Delete the temporary files of outcomes no one will use (a file whose run was interrupted):
    those already written or shown are gone, and :meth:`Outcome.discard` passes over them."""
    for item in items:
        if isinstance(item, Outcome):
            item.discard()


def _check_no_collisions(files: Sequence[Found], output: Path) -> None:
    first: dict[PurePosixPath, Path] = {}
    for file in files:
        if (earlier := first.setdefault(file.relative, file.path)) != file.path:
            target = output.joinpath(file.relative)
            raise NormalizeError(f"{earlier} and {file.path} would both be written to {target}")


def _destination(file: Found, in_place: bool, output: Path | None) -> Destination | None:
    if in_place:
        return Destination(Path(os.path.realpath(file.path)))
    if output is not None:
        return Destination(output.joinpath(file.relative), unchanged_too=True)
    return None


def default_jobs(files: Sequence[Found]) -> int:
    """One process per core this process may use, but one for less than ``POOL_MIN_BYTES`` of
    files (what pre-commit usually passes): it is done before a pool's workers would have started."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores if cores > 1 and not _smaller_than(files, POOL_MIN_BYTES) else 1


def _smaller_than(files: Sequence[Found], limit: int) -> bool:
    """Whether ``files`` hold fewer than ``limit`` bytes (stat stops once they reach it)."""
    total = 0
    for file in files:
        try:
            total += file.path.stat().st_size
        except OSError:  # the file's own run reports it
            continue
        if total >= limit:
            return False
    return True


def run(
    files: Sequence[Found],
    cleaner: FileCleaner,
    jobs: int,
    *,
    in_place: bool = False,
    output: Path | None = None,
    cache: Cache | None = None,
    scheduler: str | None = None,
) -> Iterator[Outcome | Skip]:
    """Clean ``files`` in order, write what ``in_place`` or ``output`` asks for, and feed the cache.

    A file that cannot be written becomes a :class:`Skip`; the run goes on with the others.
    Two files that would land on the same ``output`` path stop the run before anything is done.
    """
    if output is not None:
        _check_no_collisions(files, output)
    destinations = [_destination(file, in_place, output) for file in files]
    outcomes = clean_files([file.path for file in files], cleaner, jobs, scheduler, destinations)
    # strict: after the last file, zip asks the pool for one more result, which lets it shut
    # down cleanly; a plain zip left it suspended until interpreter exit, where Python 3.11's
    # ProcessPoolExecutor can fail with "Bad file descriptor" while waking its closed thread.
    # closing: a caller that stops (Ctrl-C) closes this generator, and so the pool's, which
    # removes the temporary files of the files it cleaned that no one will write or show
    with closing(outcomes):
        for file, item in zip(files, outcomes, strict=True):
            if isinstance(item, Outcome):
                try:
                    if in_place:
                        write_in_place(item)
                    if output is not None:
                        write_copy(item, output.joinpath(file.relative))
                except SkippedFile as error:
                    item.discard()  # nothing of it is shown either
                    item = Skip(item.path, error.reason, error.message, True)
                else:
                    if cache is not None and (digest := item.clean_digest) is not None:
                        cache.add(digest)
            yield item
    if cache is not None:
        cache.save()
