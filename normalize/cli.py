"""The ``normalize`` command: parsing and printing only; :mod:`normalize.files` does the work."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click

from normalize import __version__, config as config_module, registry
from normalize.config import Config
from normalize.errors import NormalizeError
from normalize.filters.names import with_user_dictionary
from normalize.files import Outcome, clean_bytes, clean_path, write_in_place
from normalize.pipeline import Pipeline
from normalize.report import EXIT_INTERRUPTED, Report

STDIN = "-"


def _split_names(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that builds a configuration shares."""
    decorators = [
        click.option(
            "-f", "--filters", multiple=True, callback=_split_names, metavar="NAMES",
            help="Run only these filters (comma-separated or repeated); they still run in their fixed order.",
        ),
        click.option(
            "--skip", multiple=True, callback=_split_names, metavar="NAMES",
            help="Do not run these filters (comma-separated or repeated).",
        ),
        click.option(
            "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
            help="Read options from this file instead of the nearest pyproject.toml or normalize.toml.",
        ),
    ]
    return functools.reduce(lambda cmd, decorate: decorate(cmd), reversed(decorators), command)


def build_config(paths: tuple[str, ...], config_path: Path | None, **flags: Any) -> Config:
    """Defaults, then the configuration file, then the command-line flags."""
    if config_path is None:
        config_path = config_module.find_config_file(Path(p) for p in paths if p != STDIN)
    elif not config_path.is_file():
        raise NormalizeError(f"{config_path}: no such configuration file")
    loaded = config_module.load(config_path)
    loaded.selected()  # validate names now, before any file is read
    return loaded.with_flags(**flags)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
def main() -> None:
    """Clean text scraped from news sites, and show exactly what changed and why."""


@main.command()
@click.argument("paths", nargs=-1, metavar="FILE...")
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change. Exit 1 if any would, 0 if none, 2 on an error.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of what would change instead of the cleaned text.")
@click.option("--explain", is_flag=True, help="Print one line per edit: file:line:col: filter: before -> after (reason).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite changed files (via a temporary file and a rename; unchanged files are not touched).")
@click.option("--names", "names_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also use this names dictionary (TSV: canonical, kind, variants) in the names filter.")
@filter_options
def clean(paths: tuple[str, ...], check: bool, show_diff: bool, explain: bool, in_place: bool,
          names_file: Path | None, filters: tuple[str, ...] | None, skip: tuple[str, ...] | None,
          config_path: Path | None) -> None:
    """Clean FILEs (or '-' for standard input) and print the cleaned text.

    With --diff, --explain or --check nothing is written and the cleaned text is not printed.
    Exit codes: 0 done, 1 --check found files that would change, 2 usage error or unreadable
    input (the run goes on with the other files), 130 interrupted.
    """
    if in_place and (check or show_diff):
        raise click.UsageError("--in-place cannot be combined with --check or --diff")
    if not paths:
        raise click.UsageError("give at least one FILE, or '-' to read standard input")
    if in_place and STDIN in paths:
        raise click.UsageError("--in-place cannot rewrite standard input")
    config = build_config(paths, config_path, filters=filters, skip=skip)
    if names_file is not None:
        config = with_user_dictionary(config, names_file)
    pipeline = Pipeline(config)
    report = Report(check=check)
    print_text = not (check or show_diff or explain or in_place)
    stdout = click.get_binary_stream("stdout")
    try:
        for path in paths:
            try:
                outcome = _clean_one(path, pipeline)
                if in_place:
                    write_in_place(outcome)
            except NormalizeError as error:
                report.failed(error.message)
                click.echo(f"error: {error.message}", err=True)
                continue
            report.done(outcome)
            if show_diff:
                stdout.write(outcome.result.diff(outcome.path).encode("utf-8"))
            if explain:
                stdout.write(outcome.result.explain(outcome.path).encode("utf-8"))
            if print_text:
                stdout.write(outcome.data)
            if check and outcome.changed:
                click.echo(f"would change: {outcome.path}", err=True)
            if in_place and outcome.changed:
                click.echo(f"fixed: {outcome.path}", err=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if check or in_place or len(paths) > 1:
        click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


def _clean_one(path: str, pipeline: Pipeline) -> Outcome:
    if path == STDIN:
        return clean_bytes(click.get_binary_stream("stdin").read(), "stdin", pipeline)
    return clean_path(Path(path), pipeline)


@main.command()
def filters() -> None:
    """List every filter: name, whether it runs by default, and what it fixes."""
    specs = registry.all_filters()
    width = max(len(spec.name) for spec in specs)
    for spec in specs:
        default = "default" if spec.default else "opt-in "
        click.echo(f"{spec.name:<{width}}  {default}  {spec.summary}")


@main.command(name="config")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@filter_options
def show_config(paths: tuple[str, ...], filters: tuple[str, ...] | None, skip: tuple[str, ...] | None,
                config_path: Path | None) -> None:
    """Print the configuration in force for PATHs and where each value came from."""
    config = build_config(paths, config_path, filters=filters, skip=skip)
    selected = ", ".join(spec.name for spec in config.selected())
    click.echo(f"filters in force = [{selected}]")
    for key in ("filters", "skip", "include", "exclude"):
        value = getattr(config, key)
        shown = "(defaults)" if value is None else list(value)
        click.echo(f"{key} = {shown}  # {config.sources.get(key, 'default')}")
    for spec in config.selected():
        if spec.options is not None:
            click.echo(f"[{spec.name}] {config.options_for(spec)}  # {config.sources.get(spec.name, 'default')}")
