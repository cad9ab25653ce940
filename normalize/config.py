"""The configuration in force: built-in defaults, then ``[tool.normalize]``, then command-line flags.

``Config`` is frozen; flags are applied with :func:`dataclasses.replace`. Unknown keys and filter
names are errors that name the file and the key, with a suggestion, because a misspelled
``skip`` must not silently keep a filter running.

>>> config = Config(skip=("whitespace",))
>>> [spec.name for spec in config.selected()][:2]
['html-entities', 'unicode']
"""

from __future__ import annotations

import dataclasses
import os.path
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from normalize import registry
from normalize.errors import NormalizeError

CONFIG_FILES = ("normalize.toml", "pyproject.toml")
TOP_LEVEL_KEYS = ("filters", "skip", "include", "exclude")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")


@dataclass(frozen=True)
class Config:
    """Which filters run, with which options, on which files.

    ``filters=None`` means the default set. ``options`` maps a filter name to its options object
    (a frozen dataclass instance); a filter missing from it runs with its defaults.
    ``sources`` says where each value came from, for ``normalize config``.
    """

    filters: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def selected(self) -> tuple[registry.FilterSpec, ...]:
        """The filters that run, validated, in canonical order."""
        where = self.sources.get("skip", "")
        for name in self.skip:
            registry.lookup(name, where=where)
        names = self.filters if self.filters is not None else registry.default_names()
        chosen = [name for name in names if name not in self.skip]
        return registry.ordered(chosen, where=self.sources.get("filters", ""))

    def options_for(self, spec: registry.FilterSpec) -> Any:
        if spec.options is None:
            return None
        return self.options.get(spec.name) or spec.options()

    def with_flags(self, **flags: Any) -> Config:
        """A copy with the command-line values that were given (``None`` means not given)."""
        given = {key: value for key, value in flags.items() if value is not None}
        sources = {**self.sources, **{key: "command line" for key in given}}
        return dataclasses.replace(self, **given, sources=sources)


def find_config_file(paths: Iterable[Path]) -> Path | None:
    """The nearest ``normalize.toml``, or ``pyproject.toml`` with ``[tool.normalize]``.

    The search starts at the common parent of ``paths`` and stops at the repository root (the
    folder holding ``.git``), as black's ``find_project_root`` does.
    """
    resolved = [Path(os.path.realpath(path)) for path in paths] or [Path.cwd()]  # no error on a symlink loop
    start = Path(_common_parent(resolved))
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(path: Path | None) -> Config:
    """The configuration from ``path`` (``None``: the built-in defaults)."""
    if path is None:
        return Config()
    return from_table(_read_table(path), path)


def from_table(table: Mapping[str, Any], path: Path) -> Config:
    """A configuration from the contents of a ``[tool.normalize]`` table read from ``path``.

    >>> from_table({"skip": ["unicode"]}, Path("normalize.toml")).skip
    ('unicode',)
    """
    where = str(path)
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    known_filters = {spec.name: spec for spec in registry.all_filters()}
    for key, value in table.items():
        if key in TOP_LEVEL_KEYS:
            values[key] = _string_tuple(value, f"{where}: {key}")
        elif key in known_filters:
            options[key] = _build_options(known_filters[key], value, path)
        else:
            _unknown(where, key, (*TOP_LEVEL_KEYS, *known_filters))
    sources = {key: where for key in (*values, *options)}
    return Config(**values, options=options, sources=sources)


def _build_options(spec: registry.FilterSpec, table: Any, path: Path) -> Any:
    where = f"{path}: [{spec.name}]"
    if spec.options is None:
        raise NormalizeError(f"{where}: the {spec.name} filter takes no options")
    if not isinstance(table, dict):
        raise NormalizeError(f"{where}: expected a table of options")
    fields = {f.name: f for f in dataclasses.fields(spec.options)}
    hints = typing.get_type_hints(spec.options)
    values = {}
    for key, value in table.items():
        option_key = key.replace("-", "_")
        if option_key not in fields:
            _unknown(where, key, list(fields))
        _check_type(value, hints[option_key], f"{where} {key}")
        if fields[option_key].metadata.get("path"):
            value = str((path.parent / value).resolve())
        values[option_key] = value
    return spec.options(**values)


def _check_type(value: Any, hint: Any, where: str) -> None:
    if typing.get_origin(hint) is typing.Literal:
        allowed = typing.get_args(hint)
        if value not in allowed:
            raise NormalizeError(f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}")
        return
    expected = typing.get_origin(hint) or hint
    if expected is tuple:
        expected = list
    if isinstance(expected, type) and not isinstance(value, expected):
        raise NormalizeError(f"{where}: expected {expected.__name__}, got {value!r}")


def _unknown(where: str, key: str, known: Iterable[str]) -> typing.NoReturn:
    import difflib  # imported on this error path only, to start fast

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise NormalizeError(f"{where}: unknown key {key!r}{hint}")


def _read_table(path: Path) -> dict[str, Any]:
    import tomllib  # imported only when there is a file to read, to start fast

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise NormalizeError(f"{path}: cannot read configuration: {error}") from error
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("normalize", {})
    return data


def _has_tool_table(pyproject: Path) -> bool:
    import tomllib

    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return False  # not ours to judge: it may not be meant for normalize at all
    return "normalize" in data.get("tool", {})


def _string_tuple(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise NormalizeError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _common_parent(paths: list[Path]) -> str:
    folders = [str(path if path.is_dir() else path.parent) for path in paths]
    return os.path.commonpath(folders)
