"""Discovery (globs, hidden folders, .gitignore, symlinks), the process pool, writing, the cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import tracemalloc
from pathlib import Path, PurePosixPath

import pytest

from normalize import Config, Pipeline
from normalize.batch import FileCleaner, Found, Skip, clean_files, default_jobs, discover, run
from normalize.cache import Cache, cache_dir, settings_key
from normalize.config import DEFAULT_INCLUDE
from normalize.files import Outcome

PIPELINE = Pipeline(Config(filters=("html-entities", "whitespace")))
DIRTY = b"He said &quot;no&quot;  today.\n"
CLEAN = b'He said "no" today.\n'


def make_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def found_paths(root: Path, *arguments: str, include=DEFAULT_INCLUDE, exclude=()) -> list[str]:
    found, _ = discover([str(root / argument) for argument in arguments] or [str(root)], include, exclude)
    return [file.path.relative_to(root).as_posix() for file in found]


def test_walk_finds_included_files_sorted_and_skips_hidden_folders(tmp_path: Path) -> None:
    make_tree(tmp_path, {
        "b.txt": b"", "a.md": b"", "notes.markdown": b"", "image.png": b"", "z/deep/c.txt": b"",
        ".hidden/d.txt": b"", ".git/e.txt": b"", "z/.cache/f.md": b"", ".dotfile.txt": b"",
    })
    assert found_paths(tmp_path) == [".dotfile.txt", "a.md", "b.txt", "notes.markdown", "z/deep/c.txt"]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": b"", "drafts/b.txt": b"", "old/drafts/c.txt": b"", "d.rst": b"", "e.tmp.txt": b""})
    assert found_paths(tmp_path, exclude=("drafts/**",)) == ["a.txt", "e.tmp.txt", "old/drafts/c.txt"]
    assert found_paths(tmp_path, exclude=("drafts",)) == ["a.txt", "e.tmp.txt"]  # a name, at any depth
    assert found_paths(tmp_path, exclude=("*.tmp.txt",)) == ["a.txt", "drafts/b.txt", "old/drafts/c.txt"]
    assert found_paths(tmp_path, include=("*.rst",)) == ["d.rst"]


def test_a_file_named_explicitly_is_cleaned_whatever_its_name_unless_excluded(tmp_path: Path) -> None:
    make_tree(tmp_path, {"notes.rst": b"", "drafts/b.txt": b""})
    assert found_paths(tmp_path, "notes.rst") == ["notes.rst"]
    found, skipped = discover([str(tmp_path / "drafts/b.txt")], DEFAULT_INCLUDE, ("drafts",))
    assert (found, skipped) == ([], [Skip(str(tmp_path / "drafts/b.txt"), "excluded by a pattern")])


def test_duplicates_are_cleaned_once_and_missing_paths_are_errors(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": b""})
    found, skipped = discover([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "gone")], DEFAULT_INCLUDE, ())
    assert [file.path for file in found] == [tmp_path / "a.txt"]
    assert skipped == [Skip(str(tmp_path / "gone"), "not found", f"{tmp_path / 'gone'}: no such file or folder", True)]


def test_a_file_reached_by_several_paths_is_cleaned_once(tmp_path: Path) -> None:
    make_tree(tmp_path, {"tree/sub/a.txt": b"", "tree/sub/b.txt": b""})
    (tmp_path / "alias").symlink_to(tmp_path / "tree")  # a folder named on the command line may be a link
    arguments = [tmp_path / "alias", tmp_path / "tree" / "sub" / "a.txt", tmp_path / "tree" / "sub" / ".." / "sub"]
    found, skipped = discover([str(argument) for argument in arguments], DEFAULT_INCLUDE, ())
    assert ([file.path for file in found], skipped) == ([tmp_path / "alias" / "sub" / "a.txt", tmp_path / "alias" / "sub" / "b.txt"], [])


def test_symbolic_links_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    make_tree(outside, {"secret.txt": b"", "dir/x.txt": b""})
    tree = tmp_path / "tree"
    make_tree(tree, {"real.txt": b""})
    (tree / "out.txt").symlink_to(outside / "secret.txt")
    (tree / "in.txt").symlink_to(tree / "real.txt")
    (tree / "linked-dir").symlink_to(outside / "dir")
    found, skipped = discover([str(tree)], DEFAULT_INCLUDE, ())
    assert [file.relative for file in found] == [PurePosixPath("real.txt")]
    assert sorted((Path(skip.path).name, skip.reason) for skip in skipped) == [
        ("in.txt", "symbolic link (target cleaned by its own path)"),
        ("out.txt", "symbolic link out of the tree"),
    ]


def test_the_output_folder_is_not_walked(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": b"", "cleaned/a.txt": b""})
    found, _ = discover([str(tmp_path)], DEFAULT_INCLUDE, (), skip_folder=tmp_path / "cleaned")
    assert [file.relative for file in found] == [PurePosixPath("a.txt")]


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_gitignore_is_honoured_inside_a_work_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    make_tree(tmp_path, {
        ".gitignore": b"build/\n*.generated.txt\n", "a.txt": b"", "build/b.txt": b"",
        "sub/c.generated.txt": b"", "sub/d.txt": b"", "sub/.gitignore": b"local.md\n", "sub/local.md": b"",
    })
    assert found_paths(tmp_path) == ["a.txt", "sub/d.txt"]
    assert found_paths(tmp_path, "sub") == ["sub/d.txt"]
    # a folder named on the command line is cleaned even if it is itself ignored
    assert found_paths(tmp_path, "build") == ["build/b.txt"]


def test_gitignore_means_nothing_outside_a_work_tree(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": b"*.txt\n", "a.txt": b""})
    assert found_paths(tmp_path) == ["a.txt"]


def test_the_pool_returns_the_same_outcomes_in_the_same_order(tmp_path: Path) -> None:
    files = {f"f{index:02}.txt": (DIRTY if index % 3 else CLEAN) * index for index in range(12)}
    files["broken.txt"] = b"\xff"
    make_tree(tmp_path, files)
    paths = sorted(tmp_path.iterdir())
    serial = list(clean_files(paths, FileCleaner(PIPELINE), jobs=1))
    parallel = list(clean_files(paths, FileCleaner(PIPELINE), jobs=2))
    assert parallel == serial
    assert [Path(item.path).name for item in parallel] == [path.name for path in paths]
    assert parallel[0] == Skip(str(tmp_path / "broken.txt"), "not UTF-8",
                               f"{tmp_path / 'broken.txt'}: not valid UTF-8 (byte 0xff at offset 0); skipped", True)


def test_an_outcome_trimmed_of_texts_and_bytes_counts_and_caches_the_same(tmp_path: Path) -> None:
    """What a --check run's workers send back: no texts, no bytes, the same counts and digests."""
    make_tree(tmp_path, {"clean.txt": CLEAN, "dirty.txt": DIRTY, "twice.txt": DIRTY * 2, "broken.txt": b"\xff"})
    paths = sorted(tmp_path.iterdir())
    whole = list(clean_files(paths, FileCleaner(PIPELINE), jobs=1))
    trimmed = list(clean_files(paths, FileCleaner(PIPELINE, texts=False, data=False), jobs=2))
    assert [item.path for item in trimmed] == [item.path for item in whole]
    assert trimmed[0] == whole[0]  # the broken file's Skip
    for full, slim in zip(whole[1:], trimmed[1:]):
        assert (slim.changed, slim.result.edit_counts(), slim.clean_digest) == \
               (full.changed, full.result.edit_counts(), full.clean_digest)
        assert (slim.data, slim.result.text, slim.result.changes) == (b"", "", ())
    assert [item.changed for item in trimmed[1:]] == [False, True, True]
    kept_bytes = list(clean_files(paths, FileCleaner(PIPELINE, texts=False), jobs=2))
    assert [item.data for item in kept_bytes[1:]] == [item.data for item in whole[1:]]


def test_a_check_run_keeps_no_text_of_the_files_it_is_done_with(tmp_path: Path) -> None:
    """Without --report, memory is one file's, not the tree's: 200 changed files of 20 KB."""
    from click.testing import CliRunner

    from normalize.cli import main

    words = "Fine words follow here. " * 800
    make_tree(tmp_path, {f"{number:03}.txt": f"Article {number} said  so. {words}\n".encode() for number in range(200)})
    size = sum(path.stat().st_size for path in tmp_path.iterdir())
    arguments = ["clean", "--check", "--no-cache", "--jobs", "1", "--filters", "whitespace", str(tmp_path)]
    CliRunner().invoke(main, arguments[:-1] + [str(tmp_path / "000.txt")])  # what a first run loads once
    tracemalloc.start()
    try:
        result = CliRunner().invoke(main, arguments)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert "200 would change" in result.output
    assert size > 3_500_000
    assert peak < size / 6  # holding each changed file's input and output would take twice the size


def test_a_pool_is_started_by_default_only_for_enough_bytes_to_pay_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr("normalize.batch.POOL_MIN_BYTES", 1000)
    make_tree(tmp_path, {f"{number}.txt": b"x" * 300 for number in range(3)})
    found, _ = discover([str(tmp_path)], DEFAULT_INCLUDE, ())
    assert default_jobs(found) == 1  # 900 bytes: what pre-commit passes, one process
    make_tree(tmp_path, {"3.txt": b"x" * 300})
    found, _ = discover([str(tmp_path)], DEFAULT_INCLUDE, ())
    assert default_jobs(found) == 4
    (tmp_path / "3.txt").unlink()  # found, then gone: its run reports it, the total leaves it out
    assert default_jobs(found) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    make_tree(tmp_path, {"big.txt": b"x" * 5000})
    assert default_jobs(discover([str(tmp_path)], DEFAULT_INCLUDE, ())[0]) == 1


def test_the_bytes_of_a_large_tree_are_counted_only_up_to_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr("normalize.batch.POOL_MIN_BYTES", 1000)
    make_tree(tmp_path, {f"{number:02}.txt": b"x" * 300 for number in range(50)})
    found, _ = discover([str(tmp_path)], DEFAULT_INCLUDE, ())
    stat, counted = Path.stat, []
    monkeypatch.setattr(Path, "stat", lambda path, **options: counted.append(path) or stat(path, **options))
    assert default_jobs(found) == 2
    assert len(counted) == 4  # 1,200 bytes: the other 46 files are not looked at


def test_the_pool_cleans_only_a_few_chunks_ahead_of_the_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outcomes wait for the caller in a window of chunks, not all at once: memory stays bounded."""
    from concurrent.futures import ProcessPoolExecutor

    make_tree(tmp_path, {f"f{number:03}.txt": DIRTY for number in range(200)})
    paths = sorted(tmp_path.iterdir())
    submitted: list[int] = []
    submit = ProcessPoolExecutor.submit

    def counting(self, function, chunk, *args):
        submitted.append(len(chunk))
        return submit(self, function, chunk, *args)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting)
    monkeypatch.setattr("normalize.batch.CHUNKS_AHEAD", 1)
    outcomes = clean_files(paths, FileCleaner(PIPELINE), jobs=2)  # chunks of 200 // (2 * 4) = 25 files
    next(outcomes)
    assert submitted == [25, 25, 25]  # one per worker, then the next once the first is in hand
    assert len(list(outcomes)) == 199 and sum(submitted) == 200


def run_tree(root: Path, **options) -> list[Outcome | Skip]:
    found, _ = discover([str(root)], DEFAULT_INCLUDE, (), skip_folder=options.get("output"))
    cache = options.pop("cache", None)
    cleaner = FileCleaner(PIPELINE, cache.known_clean if cache else frozenset())
    return list(run(found, cleaner, options.pop("jobs", 1), cache=cache, **options))


def test_in_place_rewrites_only_changed_files(tmp_path: Path) -> None:
    make_tree(tmp_path, {"dirty.txt": DIRTY, "clean.txt": CLEAN})
    os.utime(tmp_path / "clean.txt", (1_000_000, 1_000_000))
    items = run_tree(tmp_path, in_place=True)
    assert [(Path(item.path).name, item.changed) for item in items] == [("clean.txt", False), ("dirty.txt", True)]
    assert (tmp_path / "dirty.txt").read_bytes() == CLEAN
    assert (tmp_path / "clean.txt").stat().st_mtime == 1_000_000


def test_output_writes_the_whole_tree_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "src"
    make_tree(source, {"dirty.txt": DIRTY, "sub/clean.md": CLEAN, "sub/skip.png": b"x"})
    run_tree(source, output=tmp_path / "out")
    written = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*") if path.is_file())
    assert written == ["dirty.txt", "sub/clean.md"]
    assert ((tmp_path / "out/dirty.txt").read_bytes(), (tmp_path / "out/sub/clean.md").read_bytes()) == (CLEAN, CLEAN)
    assert (source / "dirty.txt").read_bytes() == DIRTY


def test_a_file_that_cannot_be_written_is_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": DIRTY, "b.txt": DIRTY})
    (tmp_path / "a.txt").chmod(0o444)
    items = run_tree(tmp_path, in_place=True)
    assert items[0] == Skip(str(tmp_path / "a.txt"), "read-only", f"{tmp_path / 'a.txt'}: read-only file, not rewritten; skipped", True)
    assert ((tmp_path / "a.txt").read_bytes(), (tmp_path / "b.txt").read_bytes()) == (DIRTY, CLEAN)


def test_a_second_run_on_an_unchanged_tree_cleans_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {"clean.txt": CLEAN, "dirty.txt": DIRTY, "copy/clean.txt": CLEAN})
    first = run_tree(tmp_path, cache=Cache.for_pipeline(PIPELINE))
    assert [item.cached for item in first] == [False, False, False]

    def no_cleaning(self, text, protected=()):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(Pipeline, "run", no_cleaning)
    (tmp_path / "dirty.txt").write_bytes(CLEAN)  # what --in-place would have written: known clean
    second = run_tree(tmp_path, cache=Cache.for_pipeline(PIPELINE))
    assert [(item.cached, item.changed) for item in second] == [(True, False)] * 3


def test_the_cache_is_per_settings_and_lives_in_the_cache_folder(tmp_path: Path, private_cache: Path) -> None:
    make_tree(tmp_path, {"clean.txt": CLEAN})
    run_tree(tmp_path, cache=Cache.for_pipeline(PIPELINE))
    assert cache_dir() == private_cache
    assert [path.name for path in private_cache.iterdir()] == [f"clean.{settings_key(PIPELINE)}.bin"]
    other = Pipeline(Config(filters=("html-entities",)))
    assert settings_key(other) != settings_key(PIPELINE)
    assert Cache.for_pipeline(other).known_clean == frozenset()
    assert len(Cache.for_pipeline(PIPELINE).known_clean) == 1


def test_a_damaged_cache_file_is_ignored(private_cache: Path) -> None:
    cache = Cache.for_pipeline(PIPELINE)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"seventeen bytes!!")
    assert Cache.for_pipeline(PIPELINE).known_clean == frozenset()


def test_report_only_edits_are_never_cached(tmp_path: Path, scratch_registry: None) -> None:
    """A file with a report-only edit must be cleaned every time, or --explain would go quiet."""
    from normalize.edits import Edit
    from normalize.registry import register

    @register("test-report-only", order=9999, default=False)
    def report_only(text):
        """Report every 'x' without changing it."""
        for index, char in enumerate(text):
            if char == "x":
                yield Edit(index, index + 1, "y", "an x", apply=False)

    pipeline = Pipeline(Config(filters=("test-report-only",)))
    make_tree(tmp_path, {"a.txt": b"x\n"})
    cache = Cache.for_pipeline(pipeline)
    found, _ = discover([str(tmp_path)], DEFAULT_INCLUDE, ())
    [outcome] = run(found, FileCleaner(pipeline), 1, cache=cache)
    assert (outcome.changed, len(outcome.result.changes)) == (False, 1)
    assert Cache.for_pipeline(pipeline).known_clean == frozenset()
    checking = FileCleaner(pipeline, texts=False, data=False)  # what a --check run's worker sends back
    sent = checking.to_send(checking(tmp_path / "a.txt"))
    assert (sent.changed, sent.result.changes, sent.clean_digest) == (False, (), None)


def test_found_relative_paths_are_relative_to_the_folder_given(tmp_path: Path) -> None:
    make_tree(tmp_path, {"archive/2024/a.txt": b""})
    found, _ = discover([str(tmp_path / "archive")], DEFAULT_INCLUDE, ())
    assert found == [Found(tmp_path / "archive/2024/a.txt", PurePosixPath("2024/a.txt"))]


def test_the_pool_is_shut_down_as_soon_as_the_last_file_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Left to interpreter exit, Python 3.11's pool can fail with 'Bad file descriptor'."""
    from concurrent.futures import ProcessPoolExecutor

    calls = []
    original = ProcessPoolExecutor.shutdown

    def recorded(self, wait=True, *, cancel_futures=False):
        calls.append((wait, cancel_futures))
        original(self, wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", recorded)
    make_tree(tmp_path, {"a.txt": DIRTY, "b.txt": CLEAN, "c.txt": DIRTY})
    items = run_tree(tmp_path, jobs=2)
    assert [item.changed for item in items] == [True, False, True]
    assert calls == [(True, False)]


def test_any_error_of_one_file_is_that_files_skip(tmp_path: Path) -> None:
    """Format handlers raise their own NormalizeError (a malformed record under --strict)."""
    from normalize.errors import NormalizeError

    class Refusing:
        def run(self, text, protected=()):
            raise NormalizeError(f"{tmp_path / 'a.txt'}:2: malformed")

    make_tree(tmp_path, {"a.txt": DIRTY})
    [item] = clean_files([tmp_path / "a.txt"], FileCleaner(Refusing()), jobs=1)  # type: ignore[arg-type]
    assert item == Skip(str(tmp_path / "a.txt"), "error", f"{tmp_path / 'a.txt'}:2: malformed", True)


def test_editing_a_data_file_an_option_names_changes_the_cache_key(tmp_path: Path) -> None:
    from normalize.filters.names import with_user_dictionary

    dictionary = tmp_path / "house-names.tsv"
    dictionary.write_text("canonical\tkind\tvariants\nKyiv\tplace\tKiev\n", encoding="utf-8")
    pipeline = Pipeline(with_user_dictionary(Config(), dictionary))
    before = settings_key(pipeline)
    assert before != settings_key(Pipeline(Config()))
    dictionary.write_text("canonical\tkind\tvariants\nKyiv\tplace\tKiev\nQatar\tplace\tQuatar\n", encoding="utf-8")
    assert settings_key(pipeline) != before
