r"""JSON Lines: clean one string field of each record, one record at a time, and keep everything else.

Only the bytes of that field's string literal are rewritten, so other fields, their order and
spacing, and the order of records stay byte for byte (the rewritten literal keeps ``\uXXXX``
escapes if the original used them). A line that is not a JSON object in the file's encoding, or
whose field is not a string, is reported with its line number and left unchanged, or stops the
file with ``strict=True``. A record without the field, and a blank line, pass through silently.

>>> from normalize import Pipeline, Config
>>> pipeline = Pipeline(Config(filters=("html-entities",)))
>>> lines = [b'{"id": 1, "text": "&quot;Ng\\u2019s  deal&quot;", "n": 1.0e3}\n', b'{"id": 2\n']
>>> [(record.data, record.problem) for record in clean_lines(lines, "text", pipeline)]
[(b'{"id": 1, "text": "\\"Ng\\u2019s  deal\\"", "n": 1.0e3}\n', None), (b'{"id": 2\n', "stdin:2: not valid JSON (Expecting ',' delimiter at column 9); left unchanged")]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from normalize.edits import Change
from normalize.errors import NormalizeError
from normalize.pipeline import Pipeline, Result
from normalize.protect import url_spans

JSON_TYPES = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
              list: "an array", dict: "an object"}
WHITESPACE = re.compile(r"[ \t\n\r]*")
LINE = re.compile(rb"[^\n]*\n|[^\n]+")
DECODER = json.JSONDecoder()


class MalformedRecord(NormalizeError):
    """With ``strict``: the first line that would have been reported, by file name and line number."""

    def __init__(self, name: str, line: int, problem: str) -> None:
        super().__init__(f"{name}:{line}: {problem} (--strict)")
        self.line, self.problem = line, problem


@dataclass(frozen=True)
class Record:
    """One line of a JSON Lines file after cleaning."""

    number: int
    data: bytes
    """The line as it is written out, with its line ending."""
    result: Result | None = None
    """The cleaning of the field's value (offsets inside the value), if the line has that field."""
    literal_start: int = 0
    """Where the field's string literal starts in the decoded line (its opening quote)."""
    problem: str | None = None


def clean_lines(
    lines: Iterable[bytes], field: str, pipeline: Pipeline, *, encoding: str = "utf-8", strict: bool = False,
    name: str = "stdin",
) -> Iterator[Record]:
    """Clean ``field`` in each line of ``lines`` (bytes with their endings), lazily, in order.

    With ``strict``, the first line that would be reported raises :class:`MalformedRecord` instead.
    """
    for number, raw in enumerate(lines, start=1):
        try:
            record = _clean_record(number, raw, field, pipeline, encoding)
        except (UnicodeDecodeError, ValueError) as error:
            record = Record(number, raw, problem=_describe(error, encoding))
        if record.problem is None:
            yield record
        elif strict:
            raise MalformedRecord(name, number, record.problem)
        else:
            yield replace(record, problem=f"{name}:{number}: {record.problem}; left unchanged")


def _clean_record(number: int, raw: bytes, field: str, pipeline: Pipeline, encoding: str) -> Record:
    ending = raw[len(raw.rstrip(b"\r\n")) :]
    line = raw[: len(raw) - len(ending)].decode(encoding)
    if not line.strip():
        return Record(number, raw)
    found = _field_literal(line, field)
    if found is None:
        return Record(number, raw)
    value, start, end = found
    if not isinstance(value, str):
        return Record(number, raw, problem=f"field {field!r} is {_json_type(value)}, not a string")
    result = clean_value(value, pipeline)
    if not result.changed:
        return Record(number, raw, result, start)
    # A line of pure ASCII was most likely written with escapes (json.dumps' default): keep to that.
    literal = json.dumps(result.text, ensure_ascii=line.isascii())
    try:
        data = (line[:start] + literal + line[end:]).encode(encoding)
    except UnicodeEncodeError:  # a character the file's codec cannot hold: JSON can escape it
        data = (line[:start] + json.dumps(result.text) + line[end:]).encode(encoding)
    return Record(number, data + ending, result, start)


def clean_value(value: str, pipeline: Pipeline) -> Result:
    """Clean a field's value: a text without its final line break, so none is added.

    It is cleaned as if it ended with one (so the filters see a whole last line), and that line
    break is protected and taken off again. URLs are protected as in a text file.

    >>> from normalize import Pipeline
    >>> clean_value("a  b", Pipeline()).text, clean_value("a  b\\n\\n", Pipeline()).text
    ('a b', 'a b\\n')
    """
    urls = url_spans(value)
    if value.endswith(("\n", "\r")):
        return pipeline.run(value, urls)
    end = len(value)
    result = pipeline.run(value + "\n", [*urls, (end, end + 1)])
    return Result(value, result.text[:-1], result.changes, result.skipped)


def _field_literal(line: str, field: str) -> tuple[object, int, int] | None:
    """The value and span of the last top-level member named ``field`` of the object on ``line``."""
    position = WHITESPACE.match(line).end()
    if not line.startswith("{", position):
        raise ValueError(f"the record is {_json_type(DECODER.decode(line))}, not an object")
    position = WHITESPACE.match(line, position + 1).end()
    found = None
    while not line.startswith("}", position):
        if not line.startswith('"', position):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", line, position)
        key, position = json.decoder.scanstring(line, position + 1)
        position = WHITESPACE.match(line, position).end()
        if not line.startswith(":", position):
            raise json.JSONDecodeError("Expecting ':' delimiter", line, position)
        start = WHITESPACE.match(line, position + 1).end()
        value, position = DECODER.raw_decode(line, start)
        if key == field:
            found = (value, start, position)
        position = WHITESPACE.match(line, position).end()
        if line.startswith(",", position):
            position = WHITESPACE.match(line, position + 1).end()
            if line.startswith("}", position):
                raise json.JSONDecodeError("Trailing comma", line, position)
        elif not line.startswith("}", position):
            raise json.JSONDecodeError("Expecting ',' delimiter", line, position)
    extra = WHITESPACE.match(line, position + 1).end()
    if extra != len(line):
        raise json.JSONDecodeError("Extra data", line, extra)
    return found


def _json_type(value: object) -> str:
    return JSON_TYPES[type(value)]


def _describe(error: Exception, encoding: str) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not valid {encoding} (byte 0x{error.object[error.start]:02x} at column {error.start + 1})"
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at column {error.colno})"
    return str(error)  # the record is valid JSON but not an object


def literal_offsets(literal: str) -> list[int]:
    """For each character of a JSON string literal's value, its offset in the literal; then the end.

    >>> literal_offsets('"a\\\\n\\\\u00e9b"')
    [1, 2, 4, 10, 11]
    """
    offsets = []
    position = 1
    while position < len(literal) - 1:
        offsets.append(position)
        if literal[position] != "\\":
            position += 1
        elif literal[position + 1] != "u":
            position += 2
        elif 0xD800 <= int(literal[position + 2 : position + 6], 16) < 0xDC00 and literal.startswith("\\u", position + 6):
            position += 12  # a surrogate pair is one character of the value
        else:
            position += 6
    offsets.append(position)
    return offsets


def located_in_line(record: Record, shown: str, offset: int = 0) -> list[Change]:
    """The record's changes moved from the field's value to its line ``shown`` (decoded), plus ``offset``.

    ``before``/``after`` stay the decoded values; the position is where the literal spells them.
    """
    if record.result is None or not record.result.changes:
        return []
    literal_end = json.decoder.scanstring(shown, record.literal_start + 1)[1]
    offsets = literal_offsets(shown[record.literal_start : literal_end])
    located = []
    for change in record.result.changes:
        start = offset + record.literal_start + offsets[change.original_start]
        end = offset + record.literal_start + offsets[change.original_end]
        located.append(replace(change, start=start, original_start=start, original_end=end))
    return located


@dataclass(frozen=True)
class CleanedFile:
    """A whole JSON Lines file: its output bytes, the problems reported, and one Result for it all.

    The Result's changes are located in the file (line, column of the field's literal), so the
    diff, ``--explain`` and reports show them where they are; their ``before``/``after`` are the
    decoded values, so unlike a text file's Result it is not meant for :func:`normalize.replay`.
    """

    result: Result
    data: bytes
    notes: tuple[str, ...]


def clean_file(data: bytes, name: str, field: str, pipeline: Pipeline, *, encoding: str = "utf-8",
               strict: bool = False) -> CleanedFile:
    """Clean every record of a JSON Lines file held in memory.

    :func:`clean_lines` streams records; :func:`normalize.jsonl_stream.clean_stream` streams a whole
    file with its diff and explanation.
    """
    raws = [match[0] for match in LINE.finditer(data)]
    shown_lines: list[str] = []
    output: list[bytes] = []
    changes: list[Change] = []
    notes: list[str] = []
    offset = 0
    records = clean_lines(raws, field, pipeline, encoding=encoding, strict=strict, name=name)
    for raw, record in zip(raws, records):
        shown = raw.decode(encoding, "replace")
        if record.problem:
            notes.append(record.problem)
        changes.extend(located_in_line(record, shown, offset))
        shown_lines.append(shown)
        output.append(record.data)
        offset += len(shown)
    cleaned = b"".join(output)
    result = Result("".join(shown_lines), cleaned.decode(encoding, "replace"), tuple(changes))
    return CleanedFile(result, cleaned if result.changed else data, tuple(notes))
