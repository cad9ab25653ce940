"""Reading and writing users' files: line endings, BOM, bad input, atomic and minimal writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalize import Config, Pipeline
from normalize.files import (
    Destination, Outcome, SkippedFile, Streams, atomic_write, clean_bytes, clean_path, content_digest, decode,
    stream_jsonl, write_copy, write_in_place,
)
from normalize.formats import Formats

PIPELINE = Pipeline(Config(filters=("html-entities", "whitespace")))
# the whitespace filter adds a final newline and evens out line endings: leave it out where the
# test is that the file's own endings survive
ENTITIES = Pipeline(Config(filters=("html-entities",)))


@pytest.mark.parametrize(
    ("data", "text", "bom", "crlf"),
    [
        (b"One\r\nTwo\r\n", "One\nTwo\n", False, True),
        (b"One\r\nTwo\nThree\r\n", "One\r\nTwo\nThree\r\n", False, False),  # mixed: passed as is
        (b"One\nTwo", "One\nTwo", False, False),
        (b"\xef\xbb\xbfOne\n", "One\n", True, False),
        (b"", "", False, False),
        (b"lone\rCR\r", "lone\rCR\r", False, False),
    ],
    ids=["crlf", "mixed", "no final newline", "bom", "empty", "old mac endings"],
)
def test_decode_and_encode_round_trip(data: bytes, text: str, bom: bool, crlf: bool) -> None:
    source = decode(data, "a.txt")
    assert (source.text, source.bom, source.crlf) == (text, bom, crlf)
    assert source.encode(source.text) == data


@pytest.mark.parametrize(
    ("data", "message", "reason"),
    [
        (b"abc\x00def", "a.txt: binary file (NUL byte at offset 3); skipped", "binary"),
        (b"caf\xe9\n", "a.txt: not valid UTF-8 (byte 0xe9 at offset 3); skipped", "not UTF-8"),
        (b"\xef\xbb\xbfok \xff", "a.txt: not valid UTF-8 (byte 0xff at offset 6); skipped", "not UTF-8"),
        (b"\xff\xfeh\x00", "a.txt: UTF-16 text is not supported, convert it to UTF-8; skipped", "not UTF-8"),
    ],
    ids=["binary", "latin-1", "bad byte after BOM", "utf-16"],
)
def test_undecodable_input_is_one_line_naming_the_file(data: bytes, message: str, reason: str) -> None:
    with pytest.raises(SkippedFile) as raised:
        decode(data, "a.txt")
    assert (raised.value.message, raised.value.reason, raised.value.exit_code) == (message, reason, 2)


def test_cleaning_keeps_crlf_bom_and_missing_final_newline() -> None:
    outcome = clean_bytes(b"\xef\xbb\xbfHe said &quot;no&quot;\r\nto them\r\nend", "a.txt", ENTITIES)
    assert outcome.data == b'\xef\xbb\xbfHe said "no"\r\nto them\r\nend'


def test_clean_file_comes_back_as_the_same_bytes() -> None:
    data = b"One\r\nTwo\nmixed\r\nno final newline"
    outcome = clean_bytes(data, "a.txt", ENTITIES)
    assert (outcome.changed, outcome.data, outcome.result.changes) == (False, data, ())


class ExplodingPipeline:
    def run(self, text: str) -> None:
        raise AssertionError("a cached file must not be cleaned")


def test_known_clean_digest_skips_the_filters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"already clean\n")
    digest = content_digest(b"already clean\n", "a.txt")
    outcome = clean_path(path, ExplodingPipeline(), known_clean={digest})  # type: ignore[arg-type]
    assert (outcome.cached, outcome.changed, outcome.data, outcome.digest) == (True, False, b"already clean\n", digest)


def test_digest_depends_on_the_suffix_because_the_suffix_picks_the_format() -> None:
    assert content_digest(b"x", "a.md") != content_digest(b"x", "a.txt")
    assert content_digest(b"x", "a.TXT") == content_digest(b"x", "b/c.txt")


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"new", 0o640)
    assert os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_creates_a_new_file_with_the_umask_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.txt", b"data")
    finally:
        os.umask(previous)
    assert ((tmp_path / "new.txt").read_bytes(), (tmp_path / "new.txt").stat().st_mode & 0o777) == (b"data", 0o640)


def test_failed_atomic_write_keeps_the_original_and_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.txt"]


def changed_outcome(path: Path) -> Outcome:
    return clean_path(path, PIPELINE)


def test_write_in_place_leaves_an_unchanged_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"clean\n")
    os.utime(path, (1_000_000, 1_000_000))
    before = path.stat()
    write_in_place(clean_path(path, PIPELINE))
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_write_in_place_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(b"a  b\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_in_place(changed_outcome(link))
    assert (link.is_symlink(), target.read_bytes()) == (True, b"a b\n")


def test_write_in_place_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"a  b\n")
    path.chmod(0o444)
    with pytest.raises(SkippedFile) as raised:
        write_in_place(changed_outcome(path))
    assert raised.value.message == f"{path}: read-only file, not rewritten; skipped"
    assert path.read_bytes() == b"a  b\n"


def test_write_copy_makes_folders_and_does_not_rewrite_an_identical_copy(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"a  b\n")
    target = tmp_path / "out" / "deep" / "a.txt"
    write_copy(changed_outcome(source), target)
    assert target.read_bytes() == b"a b\n"
    os.utime(target, (1_000_000, 1_000_000))
    write_copy(changed_outcome(source), target)
    assert target.stat().st_mtime == 1_000_000


def streamed_outcome(source: Path, destination: Destination) -> Outcome:
    return stream_jsonl(source, ENTITIES, formats=Formats(jsonl_field="text"), streams=Streams(),
                        destination=destination)


def test_a_streamed_copy_is_renamed_into_place_unless_the_target_already_holds_it(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_bytes(b'{"text": "&amp;"}\n')
    target = tmp_path / "out" / "a.jsonl"
    outcome = streamed_outcome(source, Destination(target, unchanged_too=True))
    assert (outcome.data, Path(outcome.staged).parent) == (b"", target.parent)  # staged beside the target
    write_copy(outcome, target)
    assert target.read_bytes() == b'{"text": "&"}\n'
    os.utime(target, (1_000_000, 1_000_000))
    write_copy(streamed_outcome(source, Destination(target, unchanged_too=True)), target)
    assert target.stat().st_mtime == 1_000_000
    assert os.listdir(target.parent) == ["a.jsonl"]  # the second staged copy was deleted


def test_an_unchanged_streamed_file_stages_nothing_for_in_place(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_bytes(b'{"text": "fine"}\n')
    outcome = streamed_outcome(source, Destination(source))
    assert (outcome.changed, outcome.staged, os.listdir(tmp_path)) == (False, None, ["a.jsonl"])
    assert outcome.clean_digest == content_digest(source.read_bytes(), str(source))
