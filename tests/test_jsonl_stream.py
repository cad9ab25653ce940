"""Streaming a JSON Lines file: the same bytes, diff and explanation as the whole-file path, in
every mode of ``normalize clean``, with memory that does not grow with the file."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from normalize import Config, Pipeline
from normalize.cli import main
from normalize.files import Destination, Streams, stream_jsonl
from normalize.formats import Formats
from normalize.jsonl import CleanedFile, clean_file
from normalize.jsonl_stream import CONTEXT, LineDiff, clean_stream
from normalize.render import unified_diff

PIPELINE = Pipeline(Config())
ENTITIES = Pipeline(Config(filters=("html-entities",)))


def records(count: int = 40) -> bytes:
    """Distinct records (so that difflib aligns each line with its own cleaned version): changed
    ones alone, in runs and far apart, unchanged ones, malformed ones, CRLF, escapes, and no final
    newline."""
    lines = []
    for number in range(count):
        text = f"Record {number} is clean."
        if number % 11 in (0, 1, 2) or number in (19, 26, count - 1):
            text = f"Record {number} said  &quot;so&quot; caf\u00e9."
        lines.append(json.dumps({"id": number, "text": text}, ensure_ascii=number % 2 == 0) + "\n")
    lines[5] = '{"id": 5, "text": "broken\n'
    lines[8] = lines[8].replace("\n", "\r\n")
    lines[30] = '{"id": 30, "text": 3}\n'
    lines[-1] = lines[-1].rstrip("\n")
    return "".join(lines).encode("utf-8")


@pytest.fixture(scope="module")
def whole() -> tuple[bytes, CleanedFile]:
    """The data and the whole-file path's output on it, the reference for every mode."""
    data = records()
    return data, clean_file(data, "PATH", "text", PIPELINE)


def shown_for(cleaned, path: Path, mode: tuple[str, ...]) -> bytes:
    if mode == ("--diff",):
        return cleaned.result.diff(str(path)).encode("utf-8")
    if mode == ("--explain",):
        return cleaned.result.explain(str(path)).encode("utf-8")
    if mode == ("--diff", "--explain"):
        return (cleaned.result.diff(str(path)) + cleaned.result.explain(str(path))).encode("utf-8")
    return cleaned.data


def invoke(*arguments: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["clean", "--jsonl-field", "text", "--no-cache", *arguments], input=stdin)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("mode", [(), ("--diff",), ("--explain",), ("--diff", "--explain")], ids=repr)
def test_what_is_shown_equals_the_whole_file_path(
    tmp_path: Path, whole: tuple[bytes, CleanedFile], mode: tuple[str, ...], from_stdin: bool
) -> None:
    data, cleaned = whole
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    if from_stdin:
        path = Path("stdin")
        code, stdout, stderr = invoke(*mode, "-", stdin=data)
    else:
        code, stdout, stderr = invoke(*mode, str(path))
    expected = clean_file(data, str(path), "text", PIPELINE)
    assert cleaned.result.changed and len(expected.notes) == 2
    assert (code, stdout) == (0, shown_for(expected, path, mode))
    assert stderr == "".join(f"warning: {note}\n" for note in expected.notes)
    assert (tmp_path / "data.jsonl").read_bytes() == data
    assert os.listdir(tmp_path) == ["data.jsonl"]


def test_a_report_run_takes_the_whole_file_path_and_shows_the_same(tmp_path: Path, whole: tuple[bytes, CleanedFile]) -> None:
    data, _ = whole
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    streamed = invoke("--diff", "--explain", str(path))
    reported = invoke("--diff", "--explain", "--report", str(tmp_path / "r.json"), str(path))
    assert streamed == reported
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]["path"] == str(path)


def test_check_in_place_and_output_write_the_whole_file_paths_bytes(tmp_path: Path, whole: tuple[bytes, CleanedFile]) -> None:
    data, cleaned = whole
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(data)
    (folder / "clean.jsonl").write_bytes(b'{"text": "Fine."}\n')
    code, stdout, stderr = invoke("--check", "--include", "*.jsonl", str(folder))
    assert (code, stdout) == (1, b"")
    assert f"would change: {folder / 'a.jsonl'}\n" in stderr
    assert "2 files seen: 1 would change, 1 unchanged" in stderr

    code, _, stderr = invoke("--output", str(tmp_path / "out"), "--include", "*.jsonl", "--jobs", "2", str(folder))
    assert code == 0
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == cleaned.data
    assert (tmp_path / "out" / "clean.jsonl").read_bytes() == b'{"text": "Fine."}\n'
    assert sorted(os.listdir(tmp_path / "out")) == ["a.jsonl", "clean.jsonl"]

    untouched = (folder / "clean.jsonl").stat()
    (folder / "a.jsonl").chmod(0o640)
    code, _, stderr = invoke("--in-place", "--include", "*.jsonl", str(folder))
    assert code == 0 and f"fixed: {folder / 'a.jsonl'}" in stderr
    assert (folder / "a.jsonl").read_bytes() == cleaned.data
    assert (folder / "a.jsonl").stat().st_mode & 0o777 == 0o640
    after = (folder / "clean.jsonl").stat()
    assert (after.st_ino, after.st_mtime_ns) == (untouched.st_ino, untouched.st_mtime_ns)  # not rewritten
    assert sorted(os.listdir(folder)) == ["a.jsonl", "clean.jsonl"]


@pytest.mark.parametrize("mode", [("--in-place",), ("--output", "OUT"), ("--diff",), ()], ids=repr)
def test_strict_fails_the_file_without_writing_or_showing_any_of_it(tmp_path: Path, mode: tuple[str, ...]) -> None:
    data = b'{"text": "a  b"}\n' * 3 + b'{"text": oops}\n' + b'{"text": "c  d"}\n'
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    arguments = [str(tmp_path / "out") if argument == "OUT" else argument for argument in mode]
    code, stdout, stderr = invoke("--strict", *arguments, str(path))
    assert (code, stdout) == (2, b"")
    assert stderr.startswith(f"error: {path}:4: not valid JSON")
    assert path.read_bytes() == data
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == ["data.jsonl"]  # no temporary file


def test_strict_on_standard_input_shows_nothing() -> None:
    code, stdout, stderr = invoke("--strict", "-", stdin=b'{"text": "a  b"}\n{"text": oops}\n')
    assert (code, stdout) == (2, b"")
    assert stderr.startswith("Error: stdin:2: not valid JSON")  # as the whole-file path says it


def test_encoding_is_read_and_written_back_as_the_whole_file_path_does(tmp_path: Path) -> None:
    data = '{"text": "caf\u00e9  &amp; cr\u00e8me \u2019"}\n{"id": 2}\n'.encode("cp1252")
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    expected = clean_file(data, str(path), "text", PIPELINE, encoding="cp1252")
    assert invoke("--encoding", "cp1252", str(path)) == (0, expected.data, "")
    invoke("--encoding", "cp1252", "--in-place", str(path))
    assert path.read_bytes() == expected.data


def test_the_cache_knows_a_streamed_file_and_a_cached_one_is_still_shown(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"text": "a  b"}\n')
    run = CliRunner().invoke
    assert run(main, ["clean", "--jsonl-field", "text", "--in-place", str(path)]).exit_code == 0
    result = run(main, ["clean", "--jsonl-field", "text", "--check", str(path)])
    assert (result.exit_code, result.stderr) == (0, "1 file seen: 0 would change, 1 unchanged (1 cached)\n")
    result = run(main, ["clean", "--jsonl-field", "text", str(path)])
    assert result.stdout_bytes == b'{"text": "a b"}\n'
    output = tmp_path / "out"
    assert run(main, ["clean", "--jsonl-field", "text", "--output", str(output), str(path)]).exit_code == 0
    assert (output / "data.jsonl").read_bytes() == b'{"text": "a b"}\n'


def test_a_read_only_file_is_refused_and_its_staged_copy_removed(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"text": "a  b"}\n')
    path.chmod(0o444)
    code, _, stderr = invoke("--in-place", str(path))
    assert code == 2 and "read-only file, not rewritten" in stderr
    assert os.listdir(tmp_path) == ["data.jsonl"]


def test_records_are_read_one_at_a_time_as_they_are_written() -> None:
    pulled = []

    def lines():
        for number in range(50):
            pulled.append(number)
            yield f'{{"text": "Record {number}  here."}}\n'.encode()

    written = []

    def write(data: bytes) -> None:
        written.append(data)
        assert len(pulled) == len(written)  # no line read ahead of the record being written

    result, _ = clean_stream(lines(), "a.jsonl", "text", PIPELINE, write=write, diff=io.BytesIO())
    assert (result.changed, len(written)) == (True, 50)


def peak_memory(path: Path, tmp_path: Path) -> int:
    streams = Streams(diff=True, explain=True)
    destination = Destination(tmp_path / "out" / path.name, unchanged_too=True)
    tracemalloc.start()
    try:
        outcome = stream_jsonl(path, ENTITIES, formats=Formats(jsonl_field="text"), streams=streams,
                               destination=destination)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        outcome.discard()


def test_memory_does_not_grow_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("normalize.jsonl_stream.SPOOL", 1 << 16)
    sizes, peaks = [], []
    for count in (3, 200, 900):
        path = tmp_path / f"{count}.jsonl"
        with path.open("wb") as handle:
            for number in range(count):
                entity = " &amp; " if number % 50 == 0 else " "
                text = f"Record {number} said{entity}so. " + "Fine words follow here. " * 200
                handle.write(json.dumps({"id": number, "text": text}).encode() + b"\n")
        sizes.append(path.stat().st_size)
        peaks.append(peak_memory(path, tmp_path))  # the first run also loads what filters load once
    assert sizes[2] > 4_000_000
    assert peaks[2] < sizes[2] / 4  # a whole-file run holds the file several times over
    assert peaks[2] < 2 * peaks[1]


def test_a_hunk_as_long_as_the_file_waits_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("normalize.jsonl_stream.SPOOL", 1 << 16)
    sink = io.BytesIO()
    differ = LineDiff(sink, "a.jsonl")
    line = "x" * 2000
    tracemalloc.start()
    try:
        for number in range(2000):  # every line changed: one hunk of 8 MB
            differ.add(f"{number} {line}\n", f"{number} {line}!\n")
            if number == 1999:
                peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    differ.finish()
    assert peak < 1_000_000
    assert sink.getvalue().startswith(b"--- a/a.jsonl\n+++ b/a.jsonl\n@@ -1,2000 +1,2000 @@\n-0 x")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=4 * CONTEXT + 12), st.booleans())
def test_line_diff_is_the_unified_diff_of_distinct_lines(changes: list[bool], final_newline: bool) -> None:
    old = [f"line {number}\n" for number in range(len(changes))]
    new = [f"line {number} changed\n" if changed else line for number, (line, changed) in enumerate(zip(old, changes))]
    if old and not final_newline:
        old[-1], new[-1] = old[-1][:-1], new[-1][:-1]
    sink = io.BytesIO()
    differ = LineDiff(sink, "p")
    for before, after in zip(old, new):
        differ.add(before, after)
    differ.finish()
    assert sink.getvalue().decode("utf-8") == unified_diff("".join(old), "".join(new), "p")
