"""Read, clean and safely write users' files: decode policy, line endings, BOM, atomic writes.

A file is read as bytes. A NUL byte in its first block means binary: it is refused. It must be
UTF-8 (a UTF-8 BOM is kept out of the text and written back). If every line ends in CRLF, the
filters see LF and CRLF is restored on writing; mixed endings are passed as they are, so a clean
file always round-trips byte for byte.

A JSON Lines file can instead be streamed (:func:`stream_jsonl`): cleaned one record at a time
into temporary files, which :func:`write_in_place`, :func:`write_copy` and
:meth:`Outcome.send_shown` then put in place, so that memory does not grow with the file.

>>> source = decode(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n", "a.txt")
>>> source.text, source.bom, source.crlf
('One\\nTwo\\n', True, True)
>>> source.encode(source.text) == b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n"
True
"""

from __future__ import annotations

import os
import stat
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Container, Iterator, NamedTuple

try:
    from _blake2 import blake2b  # hashlib.blake2b itself: importing hashlib loads OpenSSL, milliseconds of every start
except ImportError:  # a Python built without the module: the same function, at that cost
    from hashlib import blake2b

from normalize.errors import NormalizeError
from normalize.formats import Formats
from normalize.pipeline import Pipeline, Result
from normalize.protect import protected_spans

BOM = b"\xef\xbb\xbf"
BINARY_SNIFF = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BLOCK = 1 << 20


@dataclass(frozen=True)
class Source:
    """A decoded file: the text the filters see, and how to turn it back into the same bytes."""

    text: str
    bom: bool = False
    crlf: bool = False
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        """The bytes to write; raises ``UnicodeEncodeError`` if ``encoding`` cannot hold ``text``."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        if self.encoding != "utf-8":
            return text.encode(self.encoding)
        return (BOM if self.bom else b"") + text.encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Outcome:
    """What cleaning one file produced: its result and the bytes to write when it changed.

    ``digest`` identifies the input for the cache; ``cached`` says the cache knew the input was
    already clean, so no filter ran.
    """

    path: str
    result: Result
    data: bytes
    notes: tuple[str, ...] = ()
    """Warnings about parts of the file left alone (a malformed JSON Lines record)."""
    digest: bytes = b""
    cached: bool = False
    staged: str | None = None
    """A streamed JSON Lines file (``data`` is empty): the temporary file beside its destination
    that holds the bytes to write, for :func:`write_in_place` or :func:`write_copy` to put in place."""
    shown: str | None = None
    """A streamed JSON Lines file: the temporary file holding its diff, explanation or text, for
    :meth:`send_shown`."""
    written_digest: bytes | None = None
    """The digest of the output bytes when ``data`` does not hold them (a streamed JSON Lines
    file, or an outcome :meth:`trimmed` of them)."""

    @property
    def changed(self) -> bool:
        return self.result.changed

    def trimmed(self, *, texts: bool, data: bool) -> Outcome:
        """This outcome without what its run will not use: the result's texts and change records
        unless ``texts`` (a :class:`~normalize.result_summary.ResultSummary` takes its place), the
        bytes to write unless ``data``. What the report counts and the cache keeps stays."""
        if texts and data:
            return self
        from normalize.result_summary import ResultSummary

        written = self.written_digest
        if written is None and self.changed and not data:
            written = content_digest(self.data, self.path)
        return replace(self, result=self.result if texts else ResultSummary.of(self.result),
                       data=self.data if data else b"", written_digest=written)

    def discard(self) -> None:
        """Delete a streamed file's temporary files (a file that fails to be written is not shown)."""
        _discard(self.staged)
        _discard(self.shown)

    def send_shown(self, stream: BinaryIO) -> None:
        """Copy what was made to be shown for a streamed file to ``stream``, and delete it."""
        import shutil

        assert self.shown is not None, "only a streamed file has something shown"
        with open(self.shown, "rb") as handle:
            shutil.copyfileobj(handle, stream)
        os.unlink(self.shown)

    @property
    def clean_digest(self) -> bytes | None:
        """The digest the cache may remember as clean: of the bytes written (or kept as they were).

        ``None`` when a rerun would still have something to say (a report-only edit), so that
        ``--explain`` never goes quiet. A written file counts as clean because cleaning is
        idempotent (every fixture checks it).
        """
        if self.notes or self.result.reported:
            return None
        if not self.changed:
            return self.digest
        return self.written_digest if self.written_digest is not None else content_digest(self.data, self.path)


class SkippedFile(NormalizeError):
    """A file that cannot be cleaned: one line naming it, and a short ``reason`` for the summary."""

    def __init__(self, name: str, problem: str, reason: str) -> None:
        super().__init__(f"{name}: {problem}; skipped")
        self.reason = reason


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Decode a file's bytes, or raise a one-line error naming the file and the problem.

    Bytes that are not valid UTF-8 are decoded with ``encoding`` when one is named.
    """
    if data.startswith(UTF16_BOMS):
        raise SkippedFile(name, "UTF-16 text is not supported, convert it to UTF-8", "not UTF-8")
    nul = data.find(b"\x00", 0, BINARY_SNIFF)
    if nul >= 0:
        raise SkippedFile(name, f"binary file (NUL byte at offset {nul})", "binary")
    bom = data.startswith(BOM)
    used = "utf-8"
    try:
        text = data[len(BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        if encoding is None:
            offset = error.start + (len(BOM) if bom else 0)
            problem = f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"
            raise SkippedFile(name, problem, "not UTF-8") from None
        text, bom, used = _decode_with(data, name, encoding), False, encoding
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n") == text.count("\r")
    return Source(text.replace("\r\n", "\n") if crlf else text, bom, crlf, used)


def _decode_with(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        problem = f"neither UTF-8 nor {encoding} (byte 0x{data[error.start]:02x} at offset {error.start})"
        raise SkippedFile(name, problem, f"not UTF-8 or {encoding}") from None


def clean_bytes(
    data: bytes, name: str, pipeline: Pipeline, known_clean: Container[bytes] = (), *, formats: Formats = Formats()
) -> Outcome:
    """Clean one file's contents; the result's offsets refer to the decoded text.

    Markdown structure and URLs are protected (:func:`normalize.protect.protected_spans`).
    When the content's digest is in ``known_clean`` (the cache), no filter runs.
    """
    digest = content_digest(data, name)
    if formats.jsonl_field is not None:
        if digest in known_clean:
            text = data.decode(formats.encoding or "utf-8", "replace")
            return Outcome(name, Result(text, text), data, digest=digest, cached=True)
        from normalize.jsonl import clean_file as clean_jsonl  # with json: only for JSON Lines, to start fast

        cleaned = clean_jsonl(data, name, formats.jsonl_field, pipeline,
                              encoding=formats.encoding or "utf-8", strict=formats.strict)
        return Outcome(name, cleaned.result, cleaned.data, cleaned.notes, digest=digest)
    source = decode(data, name, formats.encoding)
    if digest in known_clean:
        return Outcome(name, Result(source.text, source.text), data, digest=digest, cached=True)
    result = pipeline.run(source.text, protected_spans(source.text, name))
    if not result.changed:
        return Outcome(name, result, data, digest=digest)
    try:
        return Outcome(name, result, source.encode(result.text), digest=digest)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        problem = f"the cleaned text holds {char!r} (U+{ord(char):04X}), which {source.encoding} cannot encode"
        raise SkippedFile(name, problem, f"not encodable in {source.encoding}") from None


def content_digest(data: bytes, name: str) -> bytes:
    """What the cache remembers a clean file by: its bytes, and its suffix (which picks its format)."""
    hasher = content_hasher(name)
    hasher.update(data)
    return hasher.digest()


def content_hasher(name: str) -> blake2b:
    """The hash of :func:`content_digest` before the bytes, for bytes that come in pieces."""
    suffix = os.path.splitext(name)[1].lower().encode("utf-8", "surrogateescape")
    return blake2b(suffix + b"\0", digest_size=16)


def read_bytes(path: Path) -> bytes:
    try:
        _refuse_special(path)
        return path.read_bytes()
    except OSError as error:
        raise _unreadable(str(path), error) from None


def open_bytes(path: Path) -> BinaryIO:
    """Open a file to read it in pieces, or raise the one-line error :func:`read_bytes` raises."""
    try:
        _refuse_special(path)
        return path.open("rb")
    except OSError as error:
        raise _unreadable(str(path), error) from None


def _refuse_special(path: Path) -> None:
    if not stat.S_ISREG(mode := path.stat().st_mode) and not stat.S_ISDIR(mode):  # a FIFO would block
        raise SkippedFile(str(path), "not a regular file (a FIFO, socket or device)", "unreadable")


def _unreadable(name: str, error: OSError) -> SkippedFile:
    if isinstance(error, IsADirectoryError):
        return SkippedFile(name, "is a directory", "unreadable")
    if isinstance(error, FileNotFoundError):
        return SkippedFile(name, "no such file", "unreadable")
    return SkippedFile(name, f"cannot read: {error.strerror or error}", "unreadable")


class Streams(NamedTuple):  # not a frozen dataclass: every start defines it, and a NamedTuple is much faster to define
    """What a run shows of each JSON Lines file, for the process that cleans it to stream it.

    ``diff``, ``explain``, ``text``: what goes to standard output, in that order (the cleaned
    text only without the other two).
    """

    diff: bool = False
    explain: bool = False
    text: bool = False


class Destination(NamedTuple):  # a NamedTuple for the same reason
    """Where a streamed file's cleaned bytes go: a temporary file beside ``path``, fsynced, that
    :func:`write_in_place` or :func:`write_copy` renames over ``path``.

    ``unchanged_too``: ``--output`` copies an unchanged file too; ``--in-place`` leaves it alone.
    """

    path: Path
    unchanged_too: bool = False


def clean_path(
    path: Path, pipeline: Pipeline, known_clean: Container[bytes] = (), *, formats: Formats = Formats(),
    streams: Streams | None = None, destination: Destination | None = None,
) -> Outcome:
    """Read and clean the file at ``path``; nothing is written, but with ``streams`` a JSON Lines file
    is cleaned as a stream (:func:`stream_jsonl`) into temporary files."""
    if streams is not None and formats.jsonl_field is not None:
        return stream_jsonl(path, pipeline, known_clean, formats=formats, streams=streams, destination=destination)
    return clean_bytes(read_bytes(path), str(path), pipeline, known_clean, formats=formats)


def clean_input(source: BinaryIO, name: str, pipeline: Pipeline, *, formats: Formats = Formats(),
                streams: Streams | None = None) -> Outcome:
    """Clean what ``source`` (standard input) holds: a JSON Lines stream is streamed as by :func:`clean_path`."""
    if streams is not None and formats.jsonl_field is not None:
        return stream_input(source, name, pipeline, formats=formats, streams=streams)
    return clean_bytes(source.read(), name, pipeline, formats=formats)


def stream_jsonl(
    path: Path, pipeline: Pipeline, known_clean: Container[bytes] = (), *, formats: Formats, streams: Streams,
    destination: Destination | None = None,
) -> Outcome:
    """Clean the JSON Lines file at ``path`` as a stream (:func:`stream_input`).

    With a cache the file is read twice: its digest decides whether to clean it.
    """
    digest = _file_digest(path) if known_clean else None
    with open_bytes(path) as source:
        return stream_input(source, str(path), pipeline, formats=formats, streams=streams, destination=destination,
                            digest=digest, cached=digest is not None and digest in known_clean)


def stream_input(
    source: BinaryIO, name: str, pipeline: Pipeline, *, formats: Formats, streams: Streams,
    destination: Destination | None = None, digest: bytes | None = None, cached: bool = False,
) -> Outcome:
    """Clean JSON Lines read from ``source`` one record at a time, in memory bounded by its longest record.

    The cleaned bytes go to a temporary file beside ``destination`` (kept when the file changed,
    or ``unchanged_too``) and what ``streams`` asks to show to one in the temporary folder; the
    :class:`Outcome` names them and its ``data`` is empty. If anything fails (a malformed line
    with ``--strict``), both are deleted and the user's files are untouched. ``cached``: the
    cache knows ``digest`` (the input's) as clean, so no filter runs.
    """
    import shutil
    import tempfile  # imported only to stream: a run on text files never needs them

    from normalize.jsonl_stream import SPOOL, clean_stream
    from normalize.result_summary import ResultSummary

    assert formats.jsonl_field is not None, "only JSON Lines is streamed"
    staged = shown = None
    try:
        with ExitStack() as stack:
            outputs: list[BinaryIO] = []
            show: BinaryIO | None = None
            # Each name comes before its file, so that a Ctrl-C between the file's creation and
            # the return of its descriptor still finds the file to remove (as in atomic_write).
            if destination is not None and not (cached and not destination.unchanged_too):
                destination.path.parent.mkdir(parents=True, exist_ok=True)
                staged = _temporary_name(destination.path)
                outputs.append(stack.enter_context(os.fdopen(_create(staged), "wb")))
            if streams.diff or streams.explain or streams.text:
                shown = _shown_name(tempfile.gettempdir())
                show = stack.enter_context(os.fdopen(_create(shown), "wb"))
                if streams.text:
                    outputs.append(show)
            output_hash = content_hasher(name)

            def write(data: bytes) -> None:
                output_hash.update(data)
                for output in outputs:
                    output.write(data)

            if cached:
                result, notes = ResultSummary("", ""), ()
                if outputs:
                    for block in _read_blocks(source, name):
                        write(block)
            else:
                both = streams.diff and streams.explain  # then the explanation waits for the whole diff
                explained = stack.enter_context(tempfile.SpooledTemporaryFile(SPOOL)) if both else show
                result, notes = clean_stream(
                    _read_lines(source, name), name, formats.jsonl_field, pipeline,
                    encoding=formats.encoding or "utf-8", strict=formats.strict, write=write,
                    diff=show if streams.diff else None, explain=explained if streams.explain else None,
                )
                if both:
                    explained.seek(0)
                    shutil.copyfileobj(explained, show)
            if staged is not None:
                outputs[0].flush()
                os.fsync(outputs[0].fileno())
        if staged is not None and destination is not None and not (result.changed or destination.unchanged_too):
            os.unlink(staged)
            staged = None
    except BaseException as error:
        if isinstance(error, FileExistsError):  # from _create: that name is somebody else's file
            staged, shown = (None if temporary == error.filename else temporary for temporary in (staged, shown))
        _discard(staged)
        _discard(shown)
        if isinstance(error, OSError):
            raise SkippedFile(name, f"cannot write: {error.strerror or error}", "unwritable") from None
        raise
    if digest is None:  # not read for the cache; an unchanged file's output is its input
        digest = b"" if result.changed else output_hash.digest()
    return Outcome(name, result, b"", notes, digest=digest, cached=cached, staged=staged, shown=shown,
                   written_digest=output_hash.digest())


def _read_lines(source: BinaryIO, name: str) -> Iterator[bytes]:
    """The lines of ``source`` with their endings (the last one may have none)."""
    try:
        yield from source
    except OSError as error:
        raise _unreadable(name, error) from None


def _read_blocks(source: BinaryIO, name: str) -> Iterator[bytes]:
    try:
        yield from iter(lambda: source.read(BLOCK), b"")
    except OSError as error:
        raise _unreadable(name, error) from None


def _file_digest(path: Path) -> bytes:
    """:func:`content_digest` of a file, read in blocks."""
    hasher = content_hasher(str(path))
    with open_bytes(path) as source:
        for block in _read_blocks(source, str(path)):
            hasher.update(block)
    return hasher.digest()


def _temporary_name(path: Path) -> str:
    """A fresh name in ``path``'s folder, which a later write of ``path`` knows for ours and removes
    if its writer was killed (:mod:`normalize.temporary_files`)."""
    from normalize.temporary_files import TEMPORARY_MARK

    return str(path.parent / f".{path.name}.{os.urandom(6).hex()}{TEMPORARY_MARK}{os.getpid()}.tmp")


def _shown_name(folder: str) -> str:
    """A fresh name in ``folder`` (the temporary folder) for what a streamed file shows."""
    return os.path.join(folder, f"normalize-{os.urandom(6).hex()}.out")


def _create(name: str) -> int:
    """Create ``name``, which must not exist, readable and writable by its owner only."""
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)


def _discard(temporary: str | None) -> None:
    if temporary is not None:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


def _install(temporary: str, path: Path) -> None:
    """Rename a fsynced temporary file over ``path``, with ``path``'s mode (a new file gets the
    usual mode under the umask); then remove what writers killed before their rename left beside it."""
    from normalize.temporary_files import remove_stale_temporary_files

    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temporary, mode)
    os.replace(temporary, path)
    remove_stale_temporary_files(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data`` so that the file is never half-written.

    The data goes to a temporary file in the same folder, is flushed to disk, takes the
    original's mode (a new file gets the usual mode under the umask), and is renamed over the
    original; on any failure the temporary file is removed and the original is left as it was.
    A process killed before the rename (kill -9, power loss) cannot remove its temporary file:
    the first write into its folder by a later process does (:mod:`normalize.temporary_files`).
    """
    # The name comes first, so that a Ctrl-C landing between the file's creation and the
    # assignment of its descriptor still finds the file to remove.
    temporary = _temporary_name(path)
    try:
        with os.fdopen(_create(temporary), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _install(temporary, path)
    except FileExistsError:  # from _create: that file is somebody else's
        raise
    except BaseException:
        _discard(temporary)
        raise


def _umask() -> int:
    current = os.umask(0o022)  # the only way to read it is to set it
    os.umask(current)
    return current


def write_in_place(outcome: Outcome) -> None:
    """Write a changed file back; an unchanged one is never opened for writing.

    A symbolic link is written through (its target changes, the link stays a link). A file
    with no write permission is refused rather than replaced: the rename would succeed, but
    the user marked it as not to be changed.
    """
    if not outcome.changed:
        return
    path = Path(os.path.realpath(outcome.path))
    try:
        if not path.stat().st_mode & 0o222:
            raise SkippedFile(outcome.path, "read-only file, not rewritten", "read-only")
        if outcome.staged is not None:
            _install(outcome.staged, path)
        else:
            atomic_write(path, outcome.data)
    except OSError as error:
        raise SkippedFile(outcome.path, f"cannot write: {error.strerror or error}", "unwritable") from None
    finally:
        _discard(outcome.staged)  # refused or failed; once renamed it is gone


def write_copy(outcome: Outcome, target: Path) -> None:
    """Write a file's cleaned bytes (or its unchanged bytes) to ``target`` under ``--output``.

    A target that already holds exactly these bytes is left alone, so a rerun changes nothing.
    """
    import filecmp

    try:
        if outcome.staged is not None:
            if not (target.is_file() and filecmp.cmp(outcome.staged, target, shallow=False)):
                _install(outcome.staged, target)
            return
        if target.is_file() and target.read_bytes() == outcome.data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, outcome.data)
    except OSError as error:
        raise SkippedFile(str(target), f"cannot write: {error.strerror or error}", "unwritable") from None
    finally:
        _discard(outcome.staged)
