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

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    """What cleaning one file produced: its result and the bytes to write when it changed."""

    path: str
    result: Result
    data: bytes
    notes: tuple[str, ...] = ()
    """Warnings about parts of the file left alone (a malformed JSON Lines record)."""

    @property
    def changed(self) -> bool:
        return self.result.changed


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Decode a file's bytes, or raise a one-line error naming the file and the problem.

    Bytes that are not valid UTF-8 are decoded with ``encoding`` when one is named.
    """
    if data.startswith(UTF16_BOMS):
        raise NormalizeError(f"{name}: UTF-16 text is not supported; convert it to UTF-8")
    nul = data.find(b"\x00", 0, BINARY_SNIFF)
    if nul >= 0:
        raise NormalizeError(f"{name}: binary file (NUL byte at offset {nul}); skipped")
    bom = data.startswith(BOM)
    used = "utf-8"
    try:
        text = data[len(BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        if encoding is None:
            offset = error.start + (len(BOM) if bom else 0)
            raise NormalizeError(
                f"{name}: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); skipped"
            ) from None
        text, bom, used = _decode_with(data, name, encoding), False, encoding
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n") == text.count("\r")
    return Source(text.replace("\r\n", "\n") if crlf else text, bom, crlf, used)


def _decode_with(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise NormalizeError(
            f"{name}: neither UTF-8 nor {encoding} (byte 0x{data[error.start]:02x} at offset {error.start}); skipped"
        ) from None


def clean_bytes(data: bytes, name: str, pipeline: Pipeline, *, formats: Formats = Formats()) -> Outcome:
    """Clean one file's contents; the result's offsets refer to the decoded text.

    Markdown structure and URLs are protected (:func:`normalize.protect.protected_spans`).
    """
    if formats.jsonl_field is not None:
        cleaned = clean_jsonl(data, name, formats.jsonl_field, pipeline,
                              encoding=formats.encoding or "utf-8", strict=formats.strict)
        return Outcome(name, cleaned.result, cleaned.data, cleaned.notes)
    source = decode(data, name, formats.encoding)
    result = pipeline.run(source.text, protected_spans(source.text, name))
    if not result.changed:
        return Outcome(name, result, data)
    try:
        return Outcome(name, result, source.encode(result.text))
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise NormalizeError(
            f"{name}: the cleaned text holds {char!r} (U+{ord(char):04X}), which {source.encoding} cannot "
            "encode; skipped"
        ) from None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise NormalizeError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise NormalizeError(f"{path}: no such file") from None
    except OSError as error:
        raise NormalizeError(f"{path}: cannot read: {error.strerror or error}") from None


def clean_path(path: Path, pipeline: Pipeline, *, formats: Formats = Formats()) -> Outcome:
    """Read and clean the file at ``path`` (nothing is written)."""
    return clean_bytes(read_bytes(path), str(path), pipeline, formats=formats)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that the file is never half-written.

    The data goes to a temporary file in the same folder, is flushed to disk, takes the
    original's mode, and is renamed over the original; on any failure the temporary file is
    removed and the original is left as it was.
    """
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def write_in_place(outcome: Outcome) -> None:
    """Write a changed file back; an unchanged one is never opened for writing."""
    if not outcome.changed:
        return
    path = Path(outcome.path)
    try:
        atomic_write(path, outcome.data)
    except OSError as error:
        raise NormalizeError(f"{path}: cannot write: {error.strerror or error}") from None
