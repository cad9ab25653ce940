"""The command line on real files: exit codes, modes and their conflicts, stdin, file formats kept."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.cli import main

DIRTY = b"He said &quot;no&quot;  today.\n"
CLEAN = b'He said "no" today.\n'


def normalize(*arguments: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(arguments), input=input, catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of articles, made the current folder so that paths print short."""
    for name, data in {"a.txt": DIRTY, "b/c.md": CLEAN, "b/d.txt": DIRTY, "b/e.png": b"\x89PNG\x00"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_prints_the_cleaned_text_and_exits_0(tree: Path) -> None:
    result = normalize("clean", "a.txt")
    assert (result.exit_code, result.stdout_bytes, result.stderr) == (0, CLEAN, "")


def test_check_lists_every_file_that_would_change_and_exits_1(tree: Path) -> None:
    result = normalize("clean", "--check", "-j1", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        "would change: a.txt\n"
        "would change: b/d.txt\n"
        "3 files seen: 2 would change, 1 unchanged; edits: 4 html-entities, 2 whitespace\n"
    )
    assert (tree / "a.txt").read_bytes() == DIRTY


def test_check_on_clean_files_exits_0(tree: Path) -> None:
    result = normalize("clean", "--check", "b/c.md")
    assert (result.exit_code, result.stderr) == (0, "1 file seen: 0 would change, 1 unchanged\n")


@pytest.mark.parametrize(
    "arguments",
    [
        ["--in-place", "--check", "a.txt"],
        ["--in-place", "--diff", "a.txt"],
        ["--in-place", "--output", "out", "a.txt"],
        ["--check", "--output", "out", "a.txt"],
        ["-", "a.txt"],
        ["--in-place", "-"],
        ["--output", "out", "-"],
        [],
        ["--jobs", "0", "a.txt"],
    ],
    ids=lambda arguments: " ".join(arguments) or "no paths",
)
def test_conflicting_or_missing_arguments_are_usage_errors(tree: Path, arguments: list[str]) -> None:
    result = CliRunner().invoke(main, ["clean", *arguments])
    assert result.exit_code == 2
    assert "Usage: main clean" in result.stderr and "Error:" in result.stderr
    assert (tree / "a.txt").read_bytes() == DIRTY and not (tree / "out").exists()


def test_standard_input_to_standard_output() -> None:
    result = normalize("clean", "-", input=DIRTY)
    assert (result.exit_code, result.stdout_bytes) == (0, CLEAN)
    checked = normalize("clean", "--check", "-", input=DIRTY)
    assert (checked.exit_code, checked.stdout_bytes, checked.stderr) == (
        1, b"", "would change: stdin\n1 file seen: 1 would change, 0 unchanged; edits: 2 html-entities, 1 whitespace\n")
    binary = normalize("clean", "-", input=b"\x00\x01")
    assert (binary.exit_code, binary.stderr) == (2, "Error: stdin: binary file (NUL byte at offset 0); skipped\n")


def test_in_place_keeps_crlf_bom_and_leaves_clean_and_empty_files_untouched(tree: Path) -> None:
    files = {
        "crlf.txt": (b"He said &quot;no&quot;.\r\nSecond  line.\r\n", b'He said "no".\r\nSecond line.\r\n'),
        "bom.txt": (b"\xef\xbb\xbfHe said &quot;no&quot;.\n", b'\xef\xbb\xbfHe said "no".\n'),
        "empty.txt": (b"", b""),
        "clean.txt": (CLEAN, CLEAN),
    }
    for name, (before, _) in files.items():
        (tree / name).write_bytes(before)
        os.utime(tree / name, (1_000_000, 1_000_000))
    result = normalize("clean", "--in-place", *files)
    assert result.exit_code == 0
    assert result.stderr == (
        "fixed: bom.txt\nfixed: crlf.txt\n"
        "4 files seen: 2 changed, 2 unchanged; edits: 4 html-entities, 1 whitespace\n"
    )
    assert {name: (tree / name).read_bytes() for name in files} == {name: after for name, (_, after) in files.items()}
    assert [(tree / name).stat().st_mtime for name in ("empty.txt", "clean.txt")] == [1_000_000, 1_000_000]


def test_a_missing_final_newline_stays_missing_without_the_whitespace_filter(tree: Path) -> None:
    (tree / "end.txt").write_bytes(b"He said &quot;no&quot;.")
    result = normalize("clean", "-f", "html-entities", "--in-place", "end.txt")
    assert (result.exit_code, (tree / "end.txt").read_bytes()) == (0, b'He said "no".')


def test_binary_and_invalid_utf8_files_are_skipped_with_one_line_and_the_run_goes_on(tree: Path) -> None:
    (tree / "binary.txt").write_bytes(b"GIF89a\x00\x01")
    (tree / "latin1.txt").write_bytes(b"caf\xe9 &quot;\n")
    result = normalize("clean", "--in-place", "-j1", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "fixed: a.txt",
        "fixed: b/d.txt",
        "error: binary.txt: binary file (NUL byte at offset 6); skipped",
        "error: latin1.txt: not valid UTF-8 (byte 0xe9 at offset 3); skipped",
        "5 files seen: 2 changed, 1 unchanged, 2 skipped (1 binary, 1 not UTF-8); edits: 4 html-entities, 2 whitespace",
    ]
    assert (tree / "a.txt").read_bytes() == CLEAN
    assert (tree / "latin1.txt").read_bytes() == b"caf\xe9 &quot;\n"


def test_a_read_only_file_is_refused_under_in_place_and_the_others_are_fixed(tree: Path) -> None:
    (tree / "a.txt").chmod(0o444)
    result = normalize("clean", "--in-place", "a.txt", "b/d.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == ["error: a.txt: read-only file, not rewritten; skipped", "fixed: b/d.txt"]
    assert ((tree / "a.txt").read_bytes(), (tree / "b/d.txt").read_bytes()) == (DIRTY, CLEAN)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_is_one_patch_in_path_order_that_git_apply_accepts(tree: Path) -> None:
    (tree / "b/0.txt").write_bytes(b"No final &amp; newline")
    result = normalize("clean", "--diff", "-j2", "b", "a.txt")
    assert result.exit_code == 0
    assert result.stderr == "4 files seen: 3 would change, 1 unchanged; edits: 5 html-entities, 3 whitespace\n"
    headers = [line for line in result.stdout.splitlines() if line.startswith("+++")]
    assert headers == ["+++ b/a.txt", "+++ b/b/0.txt", "+++ b/b/d.txt"]
    subprocess.run(["git", "apply", "-"], input=result.stdout_bytes, cwd=tree, check=True)
    assert [(tree / name).read_bytes() for name in ("a.txt", "b/0.txt", "b/d.txt")] == [CLEAN, b"No final & newline\n", CLEAN]


def test_output_writes_the_cleaned_tree_and_leaves_the_originals(tree: Path) -> None:
    result = normalize("clean", "--output", "cleaned", "b")
    assert result.exit_code == 0
    assert sorted(p.relative_to(tree / "cleaned").as_posix() for p in (tree / "cleaned").rglob("*")) == ["c.md", "d.txt"]
    assert ((tree / "cleaned/d.txt").read_bytes(), (tree / "b/d.txt").read_bytes()) == (CLEAN, DIRTY)
    again = normalize("clean", "--output", "cleaned", ".")  # cleaned/ is not cleaned into itself
    assert sorted(p.relative_to(tree / "cleaned").as_posix() for p in (tree / "cleaned").rglob("*.*")) == [
        "a.txt", "b/c.md", "b/d.txt", "c.md", "d.txt"]
    assert again.stderr.startswith("3 files seen")


def test_output_refuses_two_files_for_one_place(tree: Path) -> None:
    (tree / "c.md").write_bytes(DIRTY)
    result = normalize("clean", "--output", "cleaned", "b", "c.md")
    assert (result.exit_code, result.stderr) == (2, "Error: b/c.md and c.md would both be written to cleaned/c.md\n")
    assert not (tree / "cleaned").exists()


def test_explain_covers_every_file(tree: Path) -> None:
    result = normalize("clean", "--explain", "-f", "whitespace", ".")
    assert result.stdout == (
        "a.txt:1:23: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)\n"
        "b/d.txt:1:23: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)\n"
    )


def test_the_second_run_comes_from_the_cache_unless_told_not_to(tree: Path) -> None:
    normalize("clean", "--in-place", ".")
    second = normalize("clean", "--check", ".")
    assert (second.exit_code, second.stderr) == (0, "3 files seen: 0 would change, 3 unchanged (3 cached)\n")
    bypassed = normalize("clean", "--check", "--no-cache", ".")
    assert bypassed.stderr == "3 files seen: 0 would change, 3 unchanged\n"


def test_configuration_file_include_exclude_and_flags_that_override_it(tree: Path, private_cache: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.normalize]\nfilters = ["html-entities", "whitespace"]\nexclude = ["b"]\nskip = ["whitespace"]\n',
        encoding="utf-8")
    assert normalize("clean", "--check", ".").stderr.splitlines() == [
        "would change: a.txt", "1 file seen: 1 would change, 0 unchanged; edits: 2 html-entities"]
    named = normalize("clean", "--check", "b/d.txt", "a.txt")  # as pre-commit passes them
    assert named.stderr.splitlines()[-1] == (
        "2 files seen: 1 would change, 0 unchanged, 1 skipped (1 excluded by a pattern); edits: 2 html-entities")
    overridden = normalize("clean", "--check", "--exclude", "a.txt", "--include", "*.md", ".")
    assert overridden.stderr == "1 file seen: 0 would change, 1 unchanged\n"
    shown = normalize("config", "--exclude", "a.txt", ".")
    assert shown.stdout.splitlines()[:6] == [
        f"# configuration file: {tree / 'pyproject.toml'}",
        "filters in force = [html-entities]",
        f"filters = ['html-entities', 'whitespace']  # {tree / 'pyproject.toml'}",
        f"skip = ['whitespace']  # {tree / 'pyproject.toml'}",
        "include = ['*.txt', '*.md', '*.markdown']  # default",
        "exclude = ['a.txt']  # command line",
    ]
    assert shown.stdout.splitlines()[-1] == f"# cache folder: {private_cache}"


def test_an_unknown_configuration_key_is_an_error_naming_the_file(tree: Path) -> None:
    (tree / "normalize.toml").write_text('exclud = ["b"]\n', encoding="utf-8")
    result = normalize("clean", "--check", ".")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {tree / 'normalize.toml'}: unknown key 'exclud'; did you mean 'exclude'?\n")


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tree: Path) -> None:
    result = normalize("clean", "--check", ".")
    assert "cleaning" not in result.stderr and "%" not in result.stderr


def test_progress_bar_on_a_terminal(tree: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "normalize", "clean", "--check", "."],
            stdout=subprocess.PIPE, stderr=terminal, cwd=tree, timeout=60, check=False,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal side is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert completed.returncode == 1
    assert b"cleaning  [####################################]  100%" in shown
    # the per-file lines come after the bar, intact
    assert shown.split(b"100%")[1].replace(b"\r", b"").splitlines()[-3:] == [
        b"would change: a.txt", b"would change: b/d.txt",
        b"3 files seen: 2 would change, 1 unchanged; edits: 4 html-entities, 2 whitespace",
    ]


def test_ctrl_c_stops_the_run_with_exit_130(tmp_path: Path) -> None:
    article = DIRTY * 200
    for index in range(500):
        (tmp_path / f"{index:03}.txt").write_bytes(article)
    with subprocess.Popen(
        [sys.executable, "-m", "normalize", "clean", "--check", "--no-cache", "-j1", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline()  # the run is under way: it has named a file
        os.killpg(process.pid, signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(timeout=60) == 130
    assert first.startswith(b"would change: ") and rest.splitlines()[-1] == b"interrupted"
    assert b"Traceback" not in rest
