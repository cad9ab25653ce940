"""Names, modules, fixture folders and README sections agree; summaries exist; names are unique."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import NormalizeError, registry
from normalize.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPECS = registry.all_filters()


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_filter_has_module_fixtures_readme_section_and_summary(spec):
    module = spec.name.replace("-", "_")
    assert spec.find_edits.__module__ == f"normalize.filters.{module}"
    assert (ROOT / "fixtures" / spec.name).is_dir()
    assert spec.summary and not spec.summary.endswith(":")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^### {re.escape(spec.name)}$", readme, re.MULTILINE)


def test_every_fixture_folder_names_a_filter_or_a_whole_pipeline_run():
    names = {spec.name for spec in SPECS} | {"pipeline", "seeds"}
    folders = {path.name for path in (ROOT / "fixtures").iterdir() if path.is_dir()}
    assert folders <= names


def test_canonical_order_is_by_order_not_by_naming():
    chosen = registry.ordered(["whitespace", "html-entities", "unicode"])
    assert [spec.name for spec in chosen] == ["html-entities", "unicode", "whitespace"]


def test_unknown_name_suggests_the_closest():
    with pytest.raises(NormalizeError, match="did you mean 'whitespace'"):
        registry.lookup("whitespaces")


def test_duplicate_registration_is_an_error():
    with pytest.raises(ValueError, match="already registered"):
        registry.register("whitespace", order=1)(lambda text: iter(()))


def test_filters_command_prints_each_summary():
    output = CliRunner().invoke(main, ["filters"]).output
    for spec in SPECS:
        assert re.search(rf"^{re.escape(spec.name)} +(default|opt-in) +{re.escape(spec.summary)}$", output, re.MULTILINE)
