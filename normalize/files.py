"""Read, clean and safely write users' files: decode policy, line endings, BOM, atomic writes.

A file is read as bytes. A NUL byte in its first block means binary: it is refused. It must be
UTF-8 (a UTF-8 BOM is kept out of the text and written back). If every line ends in CRLF, the
filters see LF and CRLF is restored on writing; mixed endings are passed as they are, so a clean
file always round-trips byte for byte.

>>> source = decode(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n", "a.txt")
>>> source.text, source.bom, source.crlf
('One\\nTwo\\n', True, True)
>>> source.encode(source.text) == b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n"
True
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Container

from normalize.errors import NormalizeError
from normalize.formats import Formats
from normalize.jsonl import clean_file as clean_jsonl
from normalize.pipeline import Pipeline, Result
from normalize.protect import protected_spans

BOM = b"\xef\xbb\xbf"
BINARY_SNIFF = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


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

    @property
    def changed(self) -> bool:
        return self.result.changed

    @property
    def clean_digest(self) -> bytes | None:
        """The digest the cache may remember as clean: of the bytes written (or kept as they were).

        ``None`` when a rerun would still have something to say (a report-only edit), so that
        ``--explain`` never goes quiet. A written file counts as clean because cleaning is
        idempotent (every fixture checks it).
        """
        if self.notes or any(not change.applied for change in self.result.changes):
            return None
        return content_digest(self.data, self.path) if self.changed else self.digest


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
    suffix = os.path.splitext(name)[1].lower().encode("utf-8", "surrogateescape")
    return hashlib.blake2b(suffix + b"\0" + data, digest_size=16).digest()


def read_bytes(path: Path) -> bytes:
    try:
        if not stat.S_ISREG(mode := path.stat().st_mode) and not stat.S_ISDIR(mode):  # a FIFO would block
            raise SkippedFile(str(path), "not a regular file (a FIFO, socket or device)", "unreadable")
        return path.read_bytes()
    except IsADirectoryError:
        raise SkippedFile(str(path), "is a directory", "unreadable") from None
    except FileNotFoundError:
        raise SkippedFile(str(path), "no such file", "unreadable") from None
    except OSError as error:
        raise SkippedFile(str(path), f"cannot read: {error.strerror or error}", "unreadable") from None


def clean_path(
    path: Path, pipeline: Pipeline, known_clean: Container[bytes] = (), *, formats: Formats = Formats()
) -> Outcome:
    """Read and clean the file at ``path`` (nothing is written)."""
    return clean_bytes(read_bytes(path), str(path), pipeline, known_clean, formats=formats)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data`` so that the file is never half-written.

    The data goes to a temporary file in the same folder, is flushed to disk, takes the
    original's mode (a new file gets the usual mode under the umask), and is renamed over the
    original; on any failure the temporary file is removed and the original is left as it was.
    A process killed before the rename (kill -9, power loss) cannot remove its temporary file:
    the next write of ``path`` does (:mod:`normalize.temporary_files`).
    """
    import tempfile  # imported only to write: a --check run never needs it

    from normalize.temporary_files import TEMPORARY_MARK, remove_stale_temporary_files

    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=f"{TEMPORARY_MARK}{os.getpid()}.tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    remove_stale_temporary_files(path)


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
        atomic_write(path, outcome.data)
    except OSError as error:
        raise SkippedFile(outcome.path, f"cannot write: {error.strerror or error}", "unwritable") from None


def write_copy(outcome: Outcome, target: Path) -> None:
    """Write a file's cleaned bytes (or its unchanged bytes) to ``target`` under ``--output``.

    A target that already holds exactly these bytes is left alone, so a rerun changes nothing.
    """
    try:
        if target.is_file() and target.read_bytes() == outcome.data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, outcome.data)
    except OSError as error:
        raise SkippedFile(str(target), f"cannot write: {error.strerror or error}", "unwritable") from None
