"""The pre-commit hooks, run by the real pre-commit tool from the README's configuration snippet.

pre-commit installs the hook environment from a git repository with pip, so the test commits a
snapshot of this project (as it is on disk, uncommitted edits included) into a temporary
repository and points the README snippet at it. The environment is installed once (pip may use
the package index, nothing else) and shared by both hooks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parent.parent
DIRTY = b"He said &quot;no&quot;  today.\n"
CLEAN = b'He said "no" today.\n'


def git(*arguments: str, cwd: Path) -> str:
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, encoding="utf-8").stdout


def snapshot_of_this_project(destination: Path) -> str:
    """Commit the project's files (tracked or not, but not ignored ones) into a new repository."""
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout: pre-commit installs hooks from git")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "--no-verify", "-m", "snapshot for the pre-commit test", cwd=destination)
    return git("rev-parse", "HEAD", cwd=destination).strip()


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    region = readme.split("<!-- section: pre-commit -->")[1].split("<!-- /section: pre-commit -->")[0]
    return re.search(r"```yaml\n(.*?)```", region, re.DOTALL).group(1)


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for variable, value in {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
                            "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
                            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}.items():
        monkeypatch.setenv(variable, value)
    project = tmp_path / "normalize"
    project.mkdir()
    rev = snapshot_of_this_project(project)
    snippet = readme_snippet()
    assert snippet.count("<URL of the normalize repository>") == 1 and snippet.count("<tag or commit>") == 1
    config = snippet.replace("<URL of the normalize repository>", str(project)).replace("<tag or commit>", rev)
    repository = tmp_path / "articles"
    repository.mkdir()
    git("init", "-q", cwd=repository)
    (repository / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repository / "story.txt").write_bytes(DIRTY)
    (repository / "clean.md").write_bytes(CLEAN)
    (repository / "data.json").write_bytes(DIRTY)  # not an article: the hook's `files` leaves it out
    git("add", "-A", cwd=repository)
    return repository


def pre_commit(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *arguments, "--all-files", "--color", "never"],
        cwd=repository, capture_output=True, encoding="utf-8", timeout=300, check=False,
    )


def test_hook_fixes_and_fails_then_passes_and_check_hook_only_reports(articles: Path) -> None:
    first = pre_commit(articles, "run")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "- hook id: normalize\n- files were modified by this hook" in first.stdout
    assert "fixed: story.txt" in first.stdout
    assert ((articles / "story.txt").read_bytes(), (articles / "data.json").read_bytes()) == (CLEAN, DIRTY)

    git("add", "-A", cwd=articles)  # the user stages the fixes
    second = pre_commit(articles, "run")
    assert second.returncode == 0, second.stdout + second.stderr
    assert re.search(r"normalize article text\.+Passed", second.stdout)

    config = articles / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("id: normalize", "id: normalize-check"), encoding="utf-8")
    (articles / "story.txt").write_bytes(DIRTY)
    git("add", "-A", cwd=articles)
    checked = pre_commit(articles, "run")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "- hook id: normalize-check\n- exit code: 1" in checked.stdout
    assert "would change: story.txt" in checked.stdout
    assert (articles / "story.txt").read_bytes() == DIRTY
