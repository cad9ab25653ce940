"""JSON Lines: only the named field's literal changes; records, order and other bytes stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from normalize import Config, Pipeline, replay
from normalize.cli import main
from normalize.errors import NormalizeError
from normalize.jsonl import clean_file, clean_lines, clean_value

CORPUS_CLEAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clean"
PIPELINE = Pipeline(Config())


def run(data: bytes, **options) -> tuple[bytes, tuple[str, ...]]:
    cleaned = clean_file(data, "data.jsonl", "text", PIPELINE, **options)
    return cleaned.data, cleaned.notes


def test_only_the_field_literal_changes() -> None:
    data = (
        b'{ "id" :12345678901234567890,"n":1.0e3, "url":"https:\\/\\/x.org","text" : "a  &quot;b&quot;" ,"z":[-0]}\n'
        b'{"text": "clean already.", "id": 2}\n'
    )
    output, notes = run(data)
    assert output == (
        b'{ "id" :12345678901234567890,"n":1.0e3, "url":"https:\\/\\/x.org","text" : "a \\"b\\"" ,"z":[-0]}\n'
        b'{"text": "clean already.", "id": 2}\n'
    )
    assert notes == ()


def test_an_unchanged_file_is_returned_as_it_was() -> None:
    data = b'{"text": "Fine."}\r\n\n{"other": "a  b"}\r\n{"text": "Also fine."}'
    cleaned = clean_file(data, "data.jsonl", "text", PIPELINE)
    assert cleaned.data is data
    assert not cleaned.result.changed


def test_line_endings_and_a_missing_final_newline_are_kept() -> None:
    output, _ = run(b'{"text": "a  b"}\r\n{"text": "c  d"}')
    assert output == b'{"text": "a b"}\r\n{"text": "c d"}'


def test_escape_style_is_kept() -> None:
    output, _ = run(b'{"text": "caf\\u00e9  &amp; bar"}\n{"text": "caf\xc3\xa9  &amp; bar"}\n')
    assert output == b'{"text": "caf\\u00e9 & bar"}\n{"text": "caf\xc3\xa9 & bar"}\n'


def test_no_final_newline_is_added_to_a_value() -> None:
    assert clean_value("One.  Two.", PIPELINE).text == "One. Two."
    result = clean_value("a\u200b  b", PIPELINE)
    assert replay(result.original, result.changes) == result.text == "a b"


def test_malformed_lines_are_reported_with_their_numbers_and_left_unchanged() -> None:
    data = (
        b'{"text": "a  b"}\n'
        b'{"text": "x",}\n'
        b'["text", "a  b"]\n'
        b'{"text": "caf\xe9  x"}\n'
        b'{"text": 3}\n'
        b'{"id": 5}\n'
        b"\n"
        b'{"text": "a  b"} trailing\n'
    )
    output, notes = run(data)
    assert output == data.replace(b'{"text": "a  b"}\n', b'{"text": "a b"}\n', 1)
    assert notes == (
        "data.jsonl:2: not valid JSON (Trailing comma at column 14); left unchanged",
        "data.jsonl:3: the record is an array, not an object; left unchanged",
        "data.jsonl:4: not valid utf-8 (byte 0xe9 at column 14); left unchanged",
        "data.jsonl:5: field 'text' is a number, not a string; left unchanged",
        "data.jsonl:8: not valid JSON (Extra data at column 18); left unchanged",
    )


def test_strict_stops_at_the_first_malformed_line() -> None:
    with pytest.raises(NormalizeError, match=r"^data.jsonl:2: not valid JSON .* \(--strict\)$"):
        run(b'{"text": "a"}\n{oops}\n', strict=True)


def test_records_are_cleaned_one_at_a_time() -> None:
    pulled = []

    def lines():
        for number in range(1, 4):
            pulled.append(number)
            yield b'{"text": "a  b"}\n'

    records = clean_lines(lines(), "text", PIPELINE)
    first = next(records)
    assert (first.number, first.data, pulled) == (1, b'{"text": "a b"}\n', [1])


def test_explain_locates_edits_in_the_file_despite_escapes() -> None:
    data = b'{"id": 1}\n{"id": 2, "text": "caf\\u00e9 said  so"}\n'
    cleaned = clean_file(data, "data.jsonl", "text", PIPELINE)
    assert cleaned.result.explain("data.jsonl") == (
        "data.jsonl:2:34: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)\n"
    )
    assert cleaned.result.original[10 + 33 : 10 + 35] == "  "


def test_cli_warns_and_strict_fails(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"text": "a  b"}\n{"text": \n')
    runner = CliRunner()
    result = runner.invoke(main, ["clean", "--jsonl-field", "text", str(path)])
    assert (result.exit_code, result.stdout_bytes) == (0, b'{"text": "a b"}\n{"text": \n')
    assert f"warning: {path}:2: not valid JSON" in result.stderr
    result = runner.invoke(main, ["clean", "--jsonl-field", "text", "--strict", "--in-place", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}:2: not valid JSON" in result.stderr
    assert path.read_bytes() == b'{"text": "a  b"}\n{"text": \n'


def test_strict_needs_jsonl_field() -> None:
    result = CliRunner().invoke(main, ["clean", "--strict", "-"], input="x\n")
    assert result.exit_code == 2
    assert "--strict only applies with --jsonl-field" in result.stderr


NOISY = st.lists(st.sampled_from([*"ab \n\t\"\\/&;#", "&quot;", "\u00a0", "\u200b", "é", "\U0001f600"]), max_size=12).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NOISY,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(NOISY, children, max_size=3),
    max_leaves=6,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "title", "x"]), JSON_VALUES, max_size=3).flatmap(
    lambda record: st.tuples(st.just(record), NOISY, st.booleans())
)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.lists(RECORDS, max_size=4))
def test_any_records_keep_everything_but_the_cleaned_field(records) -> None:
    lines = []
    for record, text, ensure_ascii in records:
        lines.append(json.dumps({**record, "text": text}, ensure_ascii=ensure_ascii).encode("utf-8") + b"\n")
    output, notes = run(b"".join(lines))
    assert notes == ()
    for line, cleaned_line, (record, text, _) in zip(lines, output.splitlines(keepends=True), records):
        cleaned = json.loads(cleaned_line)
        assert cleaned == {**record, "text": clean_value(text, PIPELINE).text}
        assert cleaned_line == line or cleaned["text"] != text
    assert run(output)[0] == output


@pytest.mark.skipif(not CORPUS_CLEAN.is_dir(), reason="shared corpus not present")
def test_clean_corpus_as_json_lines_comes_back_unchanged() -> None:
    records = [
        json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8").rstrip("\n")}) + "\n"
        for path in sorted(CORPUS_CLEAN.glob("*.txt"))
    ]
    data = "".join(records).encode("utf-8")
    cleaned = clean_file(data, "clean.jsonl", "text", PIPELINE)
    assert [change for change in cleaned.result.changes if change.applied] == []  # notices are not edits
    assert cleaned.data is data
