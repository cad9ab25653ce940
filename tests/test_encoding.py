"""--encoding: a file that is not UTF-8 is read with the named codec and written back in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Config, Pipeline
from normalize.cli import main
from normalize.errors import NormalizeError
from normalize.files import clean_bytes
from normalize.formats import Formats

PIPELINE = Pipeline(Config())
CP1252 = Formats(encoding="cp1252")


def test_without_encoding_a_non_utf8_file_is_skipped() -> None:
    with pytest.raises(NormalizeError, match=r"^a.txt: not valid UTF-8 \(byte 0xe9 at offset 3\); skipped$"):
        clean_bytes(b"caf\xe9  au lait\n", "a.txt", PIPELINE)


def test_the_named_codec_reads_and_writes_the_file() -> None:
    outcome = clean_bytes(b"caf\xe9  au lait &quot;noir&quot;\r\nfin\x85\r\n", "a.txt", PIPELINE, formats=CP1252)
    assert outcome.data == b'caf\xe9 au lait "noir"\r\nfin\x85\r\n'
    assert outcome.result.text == 'café au lait "noir"\nfin…\n'


def test_utf8_is_tried_first() -> None:
    outcome = clean_bytes("café  crème\n".encode("utf-8"), "a.txt", PIPELINE, formats=CP1252)
    assert outcome.data == "café crème\n".encode("utf-8")


def test_a_cleaned_character_the_codec_cannot_hold_skips_the_file() -> None:
    with pytest.raises(NormalizeError, match=r"^a.txt: the cleaned text holds '’' \(U\+2019\), which iso8859-1 cannot encode; skipped$"):
        clean_bytes(b"caf\xe9 it&rsquo;s\n", "a.txt", PIPELINE, formats=Formats(encoding="iso8859-1"))


def test_bytes_the_codec_cannot_decode_are_named() -> None:
    with pytest.raises(NormalizeError, match=r"^a.txt: neither UTF-8 nor cp1252 \(byte 0x81 at offset 3\); skipped$"):
        clean_bytes(b"caf\x81\n", "a.txt", PIPELINE, formats=CP1252)


@pytest.mark.parametrize(
    ("name", "message"),
    [("klingon", "unknown encoding 'klingon'"), ("utf-16", "'utf-16' does not keep ASCII as ASCII")],
)
def test_the_cli_rejects_unusable_codecs(name: str, message: str) -> None:
    result = CliRunner().invoke(main, ["clean", "--encoding", name, "-"], input="x\n")
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_cli_rewrites_in_place_in_the_same_codec(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9  au lait\n")
    result = CliRunner().invoke(main, ["clean", "--in-place", "--encoding", "cp1252", str(path)])
    assert result.exit_code == 0
    assert path.read_bytes() == b"caf\xe9 au lait\n"


def test_json_lines_in_a_named_codec_keep_it() -> None:
    data = b'{"text": "caf\xe9  &quot;noir&quot;", "n": 1}\n{"text": "ok"}\n'
    outcome = clean_bytes(data, "a.jsonl", PIPELINE, formats=Formats(encoding="cp1252", jsonl_field="text"))
    assert outcome.data == b'{"text": "caf\xe9 \\"noir\\"", "n": 1}\n{"text": "ok"}\n'
    assert outcome.notes == ()


def test_json_lines_escape_what_the_codec_cannot_hold() -> None:
    data = b'{"text": "caf\xe9 it&rsquo;s"}\n'
    outcome = clean_bytes(data, "a.jsonl", PIPELINE, formats=Formats(encoding="iso8859-1", jsonl_field="text"))
    assert outcome.data == b'{"text": "caf\\u00e9 it\\u2019s"}\n'
