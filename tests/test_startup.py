"""What a pre-commit run (``normalize clean --check`` on one clean ASCII file) leaves unimported.

Not a timing test (``bench/startup.py`` measures the time): each module named here cost start-up
time before it was imported only where it is needed, and would quietly cost it again if an
import at the top of a module brought it back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalize import Config, Pipeline, registry
from normalize.cache import settings_key, tree_status

RUN_AND_LIST_MODULES = (
    "import sys\n"
    "from normalize.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
    "print(*sorted(sys.modules), sep='\\n')"
)
# ftfy: an ASCII file has nothing for it; importlib.metadata: only when a plugin may be declared;
# tomllib: only with a configuration file; render (with difflib) and html_report: only for --diff,
# --explain or --report; the Markdown parser: only for Markdown files; signal: only in a pool's worker;
# hashlib: it loads OpenSSL, and the digests need only blake2b (from _blake2: the same function);
# json and the JSON Lines reader: only for --jsonl-field or a JSON report; tempfile: writes name
# their own temporary files (normalize.files._temporary_name); the change report (and the
# summary a worker sends back): only for --report (and a pool).
NEVER_ON_A_CLEAN_ASCII_CHECK = {
    "tempfile", "ftfy", "importlib.metadata", "tomllib", "difflib", "signal", "normalize.render", "normalize.html_report",
    "normalize.markdown_blocks", "normalize.markdown_inline", "hashlib", "json", "normalize.jsonl",
    "normalize.change_report", "normalize.result_summary",
}
# With the cache's answer no filter runs, so no data file is read (pkgutil), no filter module is
# imported (the cache key of the default filters needs none), and the cache has nothing new to
# write (normalize.temporary_files).
NEVER_ON_A_CACHED_CHECK = {
    "pkgutil", "normalize.temporary_files", "normalize.filters", "normalize.filters.names", "normalize.sentences",
    "normalize.names_dictionary", "normalize.names_document", "normalize.names_majority", "normalize.names_words",
    "normalize.names_votes", "normalize.names_lowercase", "normalize.names_verdict",
}


def modules_after(*arguments: str, cwd: Path) -> tuple[set[str], str]:
    """The modules a fresh process holds after running ``normalize`` with ``arguments``, and its summary."""
    command = [sys.executable, "-c", RUN_AND_LIST_MODULES, *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    assert completed.returncode == 0, completed.stderr
    return set(completed.stdout.split()), completed.stderr


def modules_of_a_bare_interpreter() -> set[str]:
    """What the interpreter imports before any code runs: a site's ``.pth`` file may import more."""
    completed = subprocess.run([sys.executable, "-c", "import sys; print(*sys.modules)"], capture_output=True, text=True)
    return set(completed.stdout.split())


def test_a_clean_ascii_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    already = modules_of_a_bare_interpreter()
    never, never_cached = NEVER_ON_A_CLEAN_ASCII_CHECK - already, NEVER_ON_A_CACHED_CHECK - already
    article = tmp_path / "article.txt"
    article.write_text("A clean ASCII article; R&D at AT&T.\n\nSecond paragraph.\n", encoding="utf-8")

    first, summary = modules_after("clean", "--check", str(article), cwd=tmp_path)
    assert "1 unchanged" in summary and "cached" not in summary
    assert first & never == set()

    again, summary = modules_after("clean", "--check", str(article), cwd=tmp_path)
    assert "(1 cached)" in summary
    assert again & (never | never_cached) == set()
    assert never_cached <= first  # the lists above are not vacuous


def test_the_digests_blake2b_is_hashlibs() -> None:
    import hashlib

    import _blake2

    assert _blake2.blake2b is hashlib.blake2b  # cache keys and entries stay what hashlib would give


def test_tree_status_changes_with_a_file_and_not_with_pycache(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    module = tmp_path / "pkg" / "module.py"
    module.write_text("A = 1\n", encoding="utf-8")
    before = tree_status(str(tmp_path))
    (tmp_path / "pkg" / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"compiled")
    assert tree_status(str(tmp_path)) == before

    module.write_text("A = 2\n", encoding="utf-8")  # same size: only the time tells
    status = module.stat()
    os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert tree_status(str(tmp_path)) != before

    (tmp_path / "pkg" / "data.tsv").write_text("", encoding="utf-8")  # a new file, even an empty one
    changed = tree_status(str(tmp_path))
    assert changed != before and tree_status(str(tmp_path)) == changed


def test_the_cache_key_names_each_filter_when_a_plugin_may_add_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without plugins the key of the default filters comes from normalize's code, unimported;
    a plugin's filter would run too, so then the key names every filter in force and its code."""
    built_in_only = settings_key(Pipeline(Config()))
    monkeypatch.setattr(registry, "plugins_may_be_declared", lambda: True)
    assert settings_key(Pipeline(Config())) != built_in_only
