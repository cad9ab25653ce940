"""The README shows real output: its seed section is what the CLI prints on the seed today."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_9bbc052057da1eea.txt"


def readme_block(language: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: seed-output -->")[1].split("<!-- /section: seed-output -->")[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, f"the seed section should hold one ```{language} block"
    return blocks[0]


@pytest.mark.parametrize(("flag", "language"), [("--diff", "diff"), ("--explain", "text")])
def test_seed_section_shows_the_current_output(flag, language, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["clean", flag, "--no-cache", SEED])
    assert result.exit_code == 0
    assert readme_block(language) == result.stdout
