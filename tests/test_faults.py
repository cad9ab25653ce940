"""Faults and bad input: the original file survives, no temporary file stays, and the run goes on.

Writing: ``atomic_write`` interrupted between write and rename (an error, Ctrl-C, a hard crash)
and a full disk leave the original byte for byte and no temporary file behind.

Reading: a read-only file, a file we may not read, a FIFO, a big file, a binary file named
``.txt``, invalid UTF-8, UTF-16, NUL bytes and mixed line endings each get one line naming the
file and a defined exit code (2 for a file that cannot be cleaned), and the other files of the
run are still cleaned.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from fnmatch import fnmatch
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import batch
from normalize.cli import main
from normalize.config import DEFAULT_INCLUDE
from normalize.files import Destination, SkippedFile, Streams, atomic_write, clean_path
from normalize.formats import Formats
from normalize.pipeline import Pipeline

ORIGINAL = b"The original  text.\n"
DIRTY = "He said  so.\n"  # whitespace makes it "He said so.\n"
CLEANED = b"He said so.\n"


def run_clean(*args: str | Path) -> tuple[int, list[str]]:
    """``normalize clean ARGS`` in this process: the exit code and the lines on stderr."""
    result = CliRunner().invoke(main, ["clean", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stderr.splitlines()


def lines_naming(path: Path, lines: list[str]) -> list[str]:
    return [line for line in lines if str(path) in line]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_bytes(ORIGINAL)
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A file with something to fix, given after the faulty one: it must still be cleaned."""
    path = tmp_path / "good.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == ORIGINAL, "the original was changed"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "a temporary file was left"


# --- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [OSError(errno.EIO, "Input/output error"), KeyboardInterrupt()],
    ids=["error between write and rename", "Ctrl-C between write and rename"],
)
def test_atomic_write_interrupted_before_rename(article: Path, monkeypatch, fault: BaseException) -> None:
    def interrupted(*_args):
        raise fault

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(type(fault)):
        atomic_write(article, b"new")
    assert_untouched(article)


def test_atomic_write_interrupted_right_after_creating_its_temporary_file(article: Path, monkeypatch) -> None:
    """Ctrl-C between the temporary file's creation and the return of its descriptor (the
    parallel Ctrl-C test met this window about one run in eight)."""
    real_open = os.open

    def open_then_interrupted(*args, **kwargs):
        real_open(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(article, b"new")
    assert_untouched(article)


def test_atomic_write_never_removes_a_file_it_did_not_create(article: Path, monkeypatch) -> None:
    def taken(*_args, **_kwargs):
        raise FileExistsError(errno.EEXIST, "File exists")

    monkeypatch.setattr(os, "open", taken)
    monkeypatch.setattr(os, "unlink", lambda path: pytest.fail(f"removed {path}"))
    with pytest.raises(FileExistsError):
        atomic_write(article, b"new")
    assert article.read_bytes() == ORIGINAL


class FullDiskFile:
    """The file ``os.fdopen`` returns, on a disk with no space left: every write fails."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def __enter__(self) -> FullDiskFile:
        return self

    def __exit__(self, *_exc) -> None:
        self.handle.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()


@pytest.fixture
def full_disk(monkeypatch) -> None:
    fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: FullDiskFile(fdopen(fd, *args, **kwargs)))


@pytest.mark.usefixtures("full_disk")
def test_atomic_write_on_a_full_disk(article: Path) -> None:
    with pytest.raises(OSError, match="No space left"):
        atomic_write(article, b"new")
    assert_untouched(article)


def test_atomic_write_when_fsync_reports_a_full_disk(article: Path, monkeypatch) -> None:
    def full(_fd: int) -> None:  # delayed allocation: the disk fills when the data is flushed
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(article, b"new")
    assert_untouched(article)


@pytest.mark.usefixtures("full_disk")
def test_in_place_on_a_full_disk_names_every_file(tmp_path: Path) -> None:
    paths = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for path in paths:
        path.write_text(DIRTY, encoding="utf-8")
    code, stderr = run_clean("--in-place", *paths)
    assert code == 2
    for path in paths:
        assert path.read_text(encoding="utf-8") == DIRTY
        named = lines_naming(path, stderr)
        assert len(named) == 1 and "No space left on device" in named[0], stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.txt", "two.txt"]


HARD_CRASH = """
import os, sys
from pathlib import Path
from normalize.files import atomic_write
os.replace = lambda *args: os._exit(9)   # the process dies between write and rename
atomic_write(Path(sys.argv[1]), b"new")
"""


def test_hard_crash_between_write_and_rename_keeps_the_original(article: Path) -> None:
    crashed = subprocess.run([sys.executable, "-c", HARD_CRASH, str(article)], timeout=60)
    assert crashed.returncode == 9
    assert article.read_bytes() == ORIGINAL
    leftovers = [p.name for p in article.parent.iterdir() if p != article]
    assert len(leftovers) == 1 and leftovers[0].startswith(".a.txt.") and leftovers[0].endswith(".tmp")
    assert not any(fnmatch(leftovers[0], pattern) for pattern in DEFAULT_INCLUDE), (
        "a run over the folder would take the leftover for an article"
    )


KILLED_WHILE_WRITING = """
import os, sys, time
from pathlib import Path
from normalize.files import atomic_write
def stall(*args):  # written and flushed, not yet renamed: say so, and wait for the kill
    print("written", flush=True)
    time.sleep(120)
os.replace = stall
atomic_write(Path(sys.argv[1]), b"new")
"""


def test_next_write_removes_the_temporary_file_of_a_killed_writer(article: Path) -> None:
    """kill -9 between write and rename: the next write of the file removes what was left,
    and nothing else: not a look-alike of the user's, not the file of a writer still running."""
    command = [sys.executable, "-c", KILLED_WHILE_WRITING, str(article)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as writer:
        try:
            assert writer.stdout.readline() == "written\n"
        finally:
            writer.kill()  # SIGKILL
            writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    assert article.read_bytes() == ORIGINAL
    leftover = [p.name for p in article.parent.iterdir() if p != article]
    assert len(leftover) == 1 and leftover[0].endswith(f".normalize-{writer.pid}.tmp"), leftover
    users = [".a.txt.backup.tmp", "a.txt.x1.normalize-1.tmp", ".b.txt.x1.normalize-1.tmp",
             f".a.txt.x1.normalize-{os.getppid()}.tmp"]  # the last one's writer still runs
    for name in users:
        (article.parent / name).write_bytes(b"keep")
    atomic_write(article, b"new")
    assert article.read_bytes() == b"new"
    assert sorted(p.name for p in article.parent.iterdir()) == sorted(["a.txt", *users])


# --- reading: each bad file gets one line naming it, and the run goes on ----------------------


def content(path: Path) -> bytes:
    with path.open("rb") as handle:  # not Path.read_bytes, which a test may make fail
        return handle.read()


def assert_reported_and_others_cleaned(bad: Path, good: Path, problem: str) -> None:
    before = content(bad)
    code, stderr = run_clean("--in-place", bad, good)
    named = lines_naming(bad, stderr)
    assert code == 2, stderr
    assert len(named) == 1 and problem in named[0], stderr
    assert content(bad) == before, "the faulty file was changed"
    assert good.read_bytes() == CLEANED, "the run stopped before the other file"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", id="binary file named .txt"),
        pytest.param(b"caf\xe9 au lait\n", "not valid UTF-8 (byte 0xe9 at offset 3)", id="invalid UTF-8"),
        pytest.param("Caf\u00e9\n".encode("utf-16"), "UTF-16", id="UTF-16 with BOM"),
        pytest.param(b"one\x00two\n", "NUL byte at offset 3", id="NUL bytes"),
    ],
)
def test_undecodable_file(tmp_path: Path, good: Path, data: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    assert_reported_and_others_cleaned(bad, good, problem)


def test_permission_denied(tmp_path: Path, good: Path, monkeypatch) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text(DIRTY, encoding="utf-8")
    read_bytes = Path.read_bytes

    def denied(path: Path) -> bytes:  # simulated: root, as CI may be, reads a mode-000 file
        if path == bad:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert_reported_and_others_cleaned(bad, good, "Permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 file")
def test_permission_denied_for_real(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text(DIRTY, encoding="utf-8")
    bad.chmod(0)
    try:
        assert_reported_and_others_cleaned(bad, good, "Permission denied")
    finally:
        bad.chmod(0o600)


def test_read_only_file_is_not_rewritten(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "locked.txt"
    bad.write_text(DIRTY, encoding="utf-8")
    bad.chmod(0o444)
    assert_reported_and_others_cleaned(bad, good, "read-only")
    assert bad.stat().st_mode & 0o777 == 0o444


def test_fifo_given_as_a_path_does_not_hang(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = subprocess.run(  # its own process: a hang must end in a timeout, not stop the suite
        [sys.executable, "-m", "normalize", "clean", "--in-place", str(fifo), str(good)],
        capture_output=True, text=True, timeout=5,
    )
    named = lines_naming(fifo, run.stderr.splitlines())
    assert run.returncode == 2 and len(named) == 1 and "not a regular file" in named[0], run.stderr
    assert good.read_bytes() == CLEANED


def test_mixed_line_endings_take_the_text_s_own_style(tmp_path: Path) -> None:
    """Mixed endings are no error: the stray ones are fixed, and --explain names each of them."""
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"One.\r\nTwo.\nThree.\r\n")
    result = CliRunner().invoke(main, ["clean", "--explain", str(mixed)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{mixed}:2:5: whitespace: '\\n' -> '\\r\\n'  (LF line break in a text whose lines end in CRLF)\n"
    )
    code, stderr = run_clean("--in-place", mixed)
    assert code == 0 and f"fixed: {mixed}" in stderr
    assert mixed.read_bytes() == b"One.\r\nTwo.\r\nThree.\r\n"


BIG_FILE_MB = int(os.environ.get("NORMALIZE_BIG_FILE_MB", "1"))  # 200 for the size


def test_big_file_is_cleaned_whole(tmp_path: Path) -> None:
    """NORMALIZE_BIG_FILE_MB=200 runs it at the issue's size (minutes, not seconds)."""
    big = tmp_path / "big.txt"
    paragraph = "Report {}: the{}minister said the plan would work.\n\n"
    count = BIG_FILE_MB * 2**20 // len(paragraph.format(0, " "))
    dirty = range(0, count, 997)  # one paragraph in 997 has a double space, the last one too
    spaces = ["  " if index in dirty or index == count - 1 else " " for index in range(count)]
    big.write_text("".join(map(paragraph.format, range(count), spaces)), encoding="utf-8")
    code, stderr = run_clean("--in-place", big)
    assert code == 0, stderr
    expected = "".join(paragraph.format(index, " ") for index in range(count))
    assert big.read_text(encoding="utf-8") == expected[:-1], "the file was not cleaned whole"


def test_two_hundred_megabytes_of_binary_is_refused_fast(tmp_path: Path, good: Path) -> None:
    """200 MB of NUL bytes (a sparse file): refused after the first block, the run goes on."""
    bad = tmp_path / "disk-image.txt"
    with bad.open("wb") as handle:
        handle.truncate(200 * 2**20)
    assert_reported_and_others_cleaned(bad, good, "binary")


# --- folders: faults met while walking a tree -----------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder with two files to fix, one of them in a subfolder."""
    root = tmp_path / "tree"
    (root / "sub").mkdir(parents=True)
    for path in (root / "a.txt", root / "sub" / "b.txt"):
        path.write_text(DIRTY, encoding="utf-8")
    return root


def assert_tree_cleaned(tree: Path) -> None:
    for path in (tree / "a.txt", tree / "sub" / "b.txt"):
        assert path.read_bytes() == CLEANED, f"{path} was not cleaned"


def test_file_vanishing_mid_run(tree: Path, monkeypatch) -> None:
    vanishing = tree / "sub" / "gone.txt"
    vanishing.write_text(DIRTY, encoding="utf-8")
    discover = batch.discover

    def discover_then_delete(*args, **kwargs):
        found = discover(*args, **kwargs)
        vanishing.unlink()  # found, then deleted before it is read
        return found

    monkeypatch.setattr(batch, "discover", discover_then_delete)
    code, stderr = run_clean("--in-place", "--jobs", "1", tree)
    named = lines_naming(vanishing, stderr)
    assert code == 2 and len(named) == 1 and "no such file" in named[0], stderr
    assert_tree_cleaned(tree)


def test_symlink_loops_in_a_tree_and_on_the_command_line(tree: Path) -> None:
    (tree / "loop1.txt").symlink_to("loop2.txt")
    (tree / "loop2.txt").symlink_to("loop1.txt")
    (tree / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    code, stderr = run_clean("--in-place", tree)
    assert code == 0, stderr  # links in a tree are skipped and counted, never followed
    assert_tree_cleaned(tree)
    loop = tree / "loop1.txt"
    (tree / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, stderr = run_clean("--in-place", loop, tree / "a.txt")  # named: it is read, and fails
    named = lines_naming(loop, stderr)
    assert code == 2 and len(named) == 1 and "Too many levels of symbolic links" in named[0], stderr
    assert_tree_cleaned(tree)


def test_fifo_in_a_tree(tree: Path) -> None:
    fifo = tree / "sub" / "pipe.txt"
    os.mkfifo(fifo)
    run = subprocess.run(
        [sys.executable, "-m", "normalize", "clean", "--in-place", str(tree)],
        capture_output=True, text=True, timeout=30,
    )
    named = lines_naming(fifo, run.stderr.splitlines())
    assert run.returncode == 2 and len(named) == 1 and "not a regular file" in named[0], run.stderr
    assert_tree_cleaned(tree)


def test_permission_denied_on_a_folder(tree: Path, monkeypatch) -> None:
    locked = tree / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(DIRTY, encoding="utf-8")
    scandir = os.scandir

    def denied(path=".", *args):  # simulated: root, as CI may be, lists a mode-000 folder
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return scandir(path, *args)

    monkeypatch.setattr(os, "scandir", denied)
    code, stderr = run_clean("--in-place", "--jobs", "1", tree)
    named = lines_naming(locked, stderr)
    assert code == 2 and len(named) == 1 and "Permission denied" in named[0], stderr
    assert_tree_cleaned(tree)


CTRL_C_FILES = 300  # enough that a fast run is still busy when Ctrl-C arrives


def test_ctrl_c_during_a_parallel_batch(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) once files are being fixed."""
    paragraph = DIRTY * 400
    for index in range(CTRL_C_FILES):
        (tmp_path / f"{index:03}.txt").write_text(paragraph, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "normalize", "clean", "--in-place", "--no-cache", "--jobs", "2", str(tmp_path)],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    ) as run:
        try:
            assert run.stderr is not None
            first = run.stderr.readline()
            assert first.startswith("fixed: "), first
            os.killpg(run.pid, signal.SIGINT)
            rest = run.communicate(timeout=60)[1]  # a hung pool fails the test instead of hanging it
            code = run.returncode
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
    assert code == 130, rest
    assert "interrupted" in rest
    cleaned = paragraph.replace("  ", " ").rstrip("\n") + "\n"
    contents = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    assert len(contents) == CTRL_C_FILES, "a temporary file was left"
    half_written = [name for name, text in contents.items() if text not in (paragraph, cleaned)]
    assert not half_written
    assert sum(text == paragraph for text in contents.values()) > 0, "the run finished before Ctrl-C"


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_ctrl_c_while_json_lines_files_stream(tmp_path: Path, jobs: str) -> None:
    """Ctrl-C while JSON Lines files stream: each file's explanation, made in a ``normalize-*.out``
    temporary file, and its cleaned copy staged beside it are removed, for the file being shown
    and for those the ``--jobs 2`` workers finished after the run stopped reading."""
    folder, temporary = tmp_path / "data", tmp_path / "tmp"
    folder.mkdir()
    temporary.mkdir()
    record = json.dumps({"text": DIRTY * 20}) + "\n"
    for index in range(CTRL_C_FILES):
        (folder / f"{index:03}.txt").write_text(record * 20, encoding="utf-8")
    command = [sys.executable, "-m", "normalize", "clean", "--jsonl-field", "text", "--in-place", "--explain",
               "--no-cache", "--jobs", jobs, str(folder)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "TMPDIR": str(temporary)}, start_new_session=True) as run:
        try:
            assert run.stdout is not None
            first = run.stdout.readline()
            assert "whitespace" in first, first
            time.sleep(0.5)  # the run fills the pipe and waits on it with a file in hand, the workers go on
            os.killpg(run.pid, signal.SIGINT)
            rest = run.communicate(timeout=60)[1]
            code = run.returncode
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
    assert code == 130, rest
    assert sorted(temporary.iterdir()) == []
    cleaned = json.dumps({"text": DIRTY.replace("  ", " ") * 20}) + "\n"
    contents = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert len(contents) == CTRL_C_FILES, "a temporary file was left beside the files"
    assert all(text in (record * 20, cleaned * 20) for text in contents.values())
    assert sum(text == record * 20 for text in contents.values()) > 0, "the run finished before Ctrl-C"


@pytest.mark.parametrize("made", [".out", ".tmp"], ids=["what is shown", "the copy staged beside it"])
def test_streaming_interrupted_right_after_creating_a_temporary_file(tmp_path: Path, monkeypatch, made: str) -> None:
    """Ctrl-C between the creation of a streamed file's temporary file (in the temporary folder,
    or beside the file) and the return of its descriptor: the file is found and removed."""
    folder, temporary = tmp_path / "data", tmp_path / "tmp"
    folder.mkdir()
    temporary.mkdir()
    path = folder / "a.txt"
    path.write_text(json.dumps({"text": DIRTY}) + "\n", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    real_open = os.open

    def open_then_interrupted(name, *args, **kwargs):
        descriptor = real_open(name, *args, **kwargs)
        if str(name).endswith(made):
            raise KeyboardInterrupt
        return descriptor

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        clean_path(path, Pipeline(), formats=Formats(jsonl_field="text"), streams=Streams(explain=True),
                   destination=Destination(path))
    assert sorted(folder.iterdir()) == [path] and sorted(temporary.iterdir()) == []


def test_streaming_never_removes_a_file_it_did_not_create(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(json.dumps({"text": DIRTY}) + "\n", encoding="utf-8")

    def taken(name, *_args, **_kwargs):
        raise FileExistsError(errno.EEXIST, "File exists", name)

    monkeypatch.setattr(os, "open", taken)
    monkeypatch.setattr(os, "unlink", lambda name: pytest.fail(f"removed {name}"))
    with pytest.raises(SkippedFile):
        clean_path(path, Pipeline(), formats=Formats(jsonl_field="text"), streams=Streams(explain=True),
                   destination=Destination(path))
