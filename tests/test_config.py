"""Configuration: where it is found, precedence, and unknown keys rejected with file and key named."""

from pathlib import Path

import pytest

from normalize import NormalizeError, clean
from normalize.config import Config, find_config_file, load


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_pyproject_with_a_tool_table_is_found(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", '[tool.normalize]\nskip = ["unicode"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")  # no tool table: passed over
    article = write(tmp_path / "sub" / "deeper" / "a.txt", "text\n")
    assert find_config_file([article]) == tmp_path / "pyproject.toml"


def test_normalize_toml_is_preferred_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.normalize]\n")
    write(tmp_path / "normalize.toml", "")
    assert find_config_file([tmp_path]) == tmp_path / "normalize.toml"


def test_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.normalize]\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config_file([tmp_path / "repo"]) is None


def test_file_values_then_flags(tmp_path):
    config = load(write(tmp_path / "normalize.toml", 'skip = ["unicode"]\n'))
    assert "unicode" not in [spec.name for spec in config.selected()]
    assert config.sources["skip"] == str(tmp_path / "normalize.toml")
    flagged = config.with_flags(skip=(), filters=("unicode",))
    assert [spec.name for spec in flagged.selected()] == ["unicode"]
    assert flagged.sources["filters"] == "command line"


def test_flags_not_given_keep_the_file_values(tmp_path):
    config = load(write(tmp_path / "normalize.toml", 'skip = ["unicode"]\n'))
    assert config.with_flags(skip=None, filters=None).skip == ("unicode",)


def test_unknown_top_level_key_names_file_and_key_with_a_suggestion(tmp_path):
    path = write(tmp_path / "normalize.toml", 'skp = ["unicode"]\n')
    with pytest.raises(NormalizeError, match=r"normalize\.toml: unknown key 'skp'; did you mean 'skip'\?"):
        load(path)


def test_unknown_filter_name_in_skip_is_an_error(tmp_path):
    config = load(write(tmp_path / "normalize.toml", 'skip = ["unicod"]\n'))
    with pytest.raises(NormalizeError, match="unknown filter 'unicod'; did you mean 'unicode'"):
        config.selected()


def test_options_for_a_filter_without_options_are_an_error(tmp_path):
    path = write(tmp_path / "normalize.toml", "[whitespace]\nmode = 'x'\n")
    with pytest.raises(NormalizeError, match=r"\[whitespace\]: the whitespace filter takes no options"):
        load(path)


def test_wrong_value_type_is_an_error(tmp_path):
    path = write(tmp_path / "normalize.toml", "skip = 3\n")
    with pytest.raises(NormalizeError, match="skip: expected a list of strings"):
        load(path)


def test_broken_toml_is_a_one_line_error(tmp_path):
    path = write(tmp_path / "normalize.toml", "skip = [\n")
    with pytest.raises(NormalizeError, match="cannot read configuration"):
        load(path)


def test_clean_filters_argument_overrides_the_config():
    result = clean("a&quot;b  c", filters=["whitespace"], config=Config(filters=("html-entities",)))
    assert result.text == "a&quot;b c\n"
