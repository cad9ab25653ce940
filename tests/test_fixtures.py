"""Run every fixture: byte-exact output, idempotence, exact replay, explain golden, nothing skipped.

The format is described in ``fixtures/README.md``. ``fixtures/<filter>/`` runs that filter alone;
``fixtures/pipeline/`` and ``fixtures/seeds/`` run the default pipeline.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from normalize import Config, Pipeline, replay
from normalize.config import from_table
from normalize.files import Source, decode
from normalize.protect import protected_spans

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
WHOLE_PIPELINE = {"pipeline", "seeds"}


@dataclass(frozen=True)
class Case:
    label: str
    source: Source
    expected: bytes
    config: Config
    path: str
    explain: str | None = None
    xfail: str | None = None
    protect: bool = False
    """Whole files get the protected spans the CLI gives them (Markdown structure, URLs)."""

    def protected(self, text: str) -> list[tuple[int, int]]:
        return protected_spans(text, self.path) if self.protect else []

    def param(self):
        marks = [pytest.mark.xfail(reason=self.xfail, strict=True)] if self.xfail else []
        return pytest.param(self, id=self.label, marks=marks)


def folder_config(folder: Path, table: dict, where: Path) -> Config:
    if folder.name not in WHOLE_PIPELINE:
        table = {"filters": [folder.name], **table}
    return from_table(table, where)


def table_cases(folder: Path) -> list[Case]:
    cases_file = folder / "cases.toml"
    if not cases_file.exists():
        return []
    with cases_file.open("rb") as handle:
        rows = tomllib.load(handle)["case"]
    cases = []
    for row in rows:
        text = row["input"]
        expected = row.get("expected", text)
        cases.append(
            Case(
                label=f"{folder.name}: {row['label']}",
                source=Source(text),
                expected=expected.encode("utf-8"),
                config=folder_config(folder, row.get("options", {}), cases_file),
                path="text",
                xfail=row.get("comment", "known failure") if row.get("expect") == "xfail" else None,
            )
        )
    return cases


def file_cases(folder: Path) -> list[Case]:
    cases = []
    inputs = (
        sorted((ROOT / "seeds").glob("*.txt"))
        if folder.name == "seeds"
        else sorted([*folder.glob("*.input.txt"), *folder.glob("*.input.md")])
    )
    for input_path in inputs:
        stem = input_path.name.removesuffix(input_path.suffix).removesuffix(".input")
        data = input_path.read_bytes()
        expected_path = folder / f"{stem}.expected{input_path.suffix}"
        explain_path = folder / f"{stem}.explain.txt"
        options_path = folder / f"{stem}.options.toml"
        table = tomllib.loads(options_path.read_text(encoding="utf-8")) if options_path.exists() else {}
        relative = input_path.relative_to(ROOT).as_posix()
        cases.append(
            Case(
                label=f"{folder.name}: {stem}",
                source=decode(data, relative),
                expected=expected_path.read_bytes() if expected_path.exists() else data,
                config=folder_config(folder, table, options_path),
                path=relative,
                explain=explain_path.read_text(encoding="utf-8") if explain_path.exists() else None,
                protect=True,
            )
        )
    return cases


def all_cases() -> list[Case]:
    folders = sorted(path for path in FIXTURES.iterdir() if path.is_dir())
    return [case for folder in folders for case in (*table_cases(folder), *file_cases(folder))]


def assert_same(expected: bytes, actual: bytes) -> None:
    if expected != actual:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True),
            actual.decode("utf-8").splitlines(keepends=True),
            "expected",
            "actual",
        )
        pytest.fail("output differs from expected:\n" + "".join(diff), pytrace=False)


@pytest.mark.parametrize("case", [case.param() for case in all_cases()])
def test_fixture(case: Case) -> None:
    pipeline = Pipeline(case.config)
    result = pipeline.run(case.source.text, case.protected(case.source.text))

    assert_same(case.expected, case.source.encode(result.text))
    again = pipeline.run(result.text, case.protected(result.text))
    assert again.text == result.text, "cleaning the output again changed it"
    assert replay(result.original, result.changes) == result.text, "the change log does not replay"
    unexpected = [skip for skip in result.skipped if skip.why != "touches a protected span"]
    assert unexpected == [], f"edits were skipped: {unexpected}"
    if case.explain is not None:
        assert result.explain(case.path) == case.explain
