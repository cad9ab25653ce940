"""The ``normalize`` command: parsing and printing only; :mod:`normalize.batch` and
:mod:`normalize.files` do the work."""

from __future__ import annotations

import functools
import itertools
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple

import click

from normalize import __version__, batch, config as config_module, registry
from normalize.cache import Cache, cache_dir
from normalize.config import Config
from normalize.errors import NormalizeError
from normalize.files import Outcome, SkippedFile, Streams, clean_input
from normalize.formats import Formats, format_options
from normalize.pipeline import Pipeline
from normalize.report import EXIT_INTERRUPTED, Report

if TYPE_CHECKING:
    from normalize.change_report import ChangeReport

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
            "--include", multiple=True, metavar="GLOB",
            help="Clean only files matching these globs when walking folders (repeatable; replaces the configured list).",
        ),
        click.option(
            "--exclude", multiple=True, metavar="GLOB",
            help="Leave out files and folders matching these globs (repeatable; replaces the configured list).",
        ),
        click.option(
            "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
            help="Read options from this file instead of the nearest pyproject.toml or normalize.toml.",
        ),
    ]
    return functools.reduce(lambda cmd, decorate: decorate(cmd), reversed(decorators), command)


def config_file(paths: tuple[str, ...], config_path: Path | None) -> Path | None:
    """The file named by ``--config``, else the nearest one above the given paths (or none)."""
    if config_path is None:
        return config_module.find_config_file(Path(p) for p in paths if p != STDIN)
    if not config_path.is_file():
        raise NormalizeError(f"{config_path}: no such configuration file")
    return config_path


def build_config(paths: tuple[str, ...], config_path: Path | None, **flags: Any) -> Config:
    """Defaults, then the configuration file, then the command-line flags."""
    loaded = config_module.load(config_file(paths, config_path))
    if loaded.filters is not None or loaded.skip:
        loaded.selected()  # validate the file's names now, before any file is read
    return loaded.with_flags(**flags)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
def main() -> None:
    """Clean text scraped from news sites, and show exactly what changed and why."""


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change. Exit 1 if any would, 0 if none, 2 on an error.")
@click.option("--diff", "show_diff", is_flag=True, help="Print one unified diff of every file that would change (git apply accepts it).")
@click.option("--explain", is_flag=True, help="Print one line per edit: file:line:col: filter: before -> after (reason).")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite changed files (via a temporary file and a rename; unchanged files are not touched).")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write every file, cleaned, under DIR with the same relative path; the originals stay as they are.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", help=f"Clean with N processes (default: one per core, one for less than {batch.POOL_MIN_BYTES // 1024} KB of files).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the cleaning on this Dask scheduler (tcp://host:8786) instead of local processes; "
                   "files are read and written here. Needs: pip install 'normalize[dask]'.")
@click.option("--no-cache", is_flag=True, help="Clean every file even if the cache knows it is already clean.")
@click.option("--names", "names_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also use this names dictionary (TSV: canonical, kind, variants) in the names filter.")
@filter_options
@format_options
def clean(paths: tuple[str, ...], check: bool, show_diff: bool, explain: bool, in_place: bool,
          output: Path | None, jobs: int | None, scheduler: str | None, no_cache: bool, names_file: Path | None, filters: tuple[str, ...] | None,
          skip: tuple[str, ...] | None, include: tuple[str, ...], exclude: tuple[str, ...],
          config_path: Path | None, formats: Formats, report_path: Path | None) -> None:
    """Clean FILEs and FOLDERs (walked for *.txt, *.md, *.markdown), or '-' for standard input.

    Prints the cleaned text, unless --diff, --explain, --check, --in-place or --output says
    otherwise. Exit codes: 0 done, 1 --check found files that would change, 2 usage error or
    unreadable input (the run goes on with the other files), 130 interrupted.
    """
    _check_usage(paths, check, show_diff, in_place, output)
    config = build_config(paths, config_path, filters=filters, skip=skip,
                          include=include or None, exclude=exclude or None)
    if names_file is not None:
        from normalize.filters.names import with_user_dictionary  # imports every filter: see cache.settings_key

        config = with_user_dictionary(config, names_file)
    pipeline = Pipeline(config)
    show = Show(diff=show_diff, explain=explain, text=not (check or show_diff or explain or in_place or output))
    changes_report = None  # only for --report: it holds every changed file's texts to the end
    if report_path is not None:
        from normalize.change_report import ChangeReport

        changes_report = ChangeReport()
    try:
        # JSON Lines files stream, in bounded memory; a report holds every changed file whole anyway
        streams = Streams(show.diff, show.explain, show.text) if report_path is None else None
        if paths == (STDIN,):
            report = _clean_stdin(pipeline, formats, show, changes_report, check=check, streams=streams)
        else:
            found, skips = batch.discover(paths, config.include, config.exclude, skip_folder=output)
            cache = None if no_cache else Cache.for_pipeline(pipeline, formats)
            cleaner = batch.FileCleaner(pipeline, cache.known_clean if cache else frozenset(), formats, streams,
                                        texts=show.diff or show.explain or changes_report is not None,
                                        data=show.text or in_place or output is not None)
            jobs = jobs or (batch.default_jobs(found) if scheduler is None else 1)  # a cluster has its own workers
            items = batch.run(found, cleaner, jobs,
                              in_place=in_place, output=output, cache=cache, scheduler=scheduler)
            report = Report(check=check, written=bool(in_place or output))
            changed_note = "would change" if check else "fixed" if in_place else ""
            with closing(items):  # on Ctrl-C now: the files cleaned but not shown leave no temporary file
                _print_run(itertools.chain(skips, items), len(skips) + len(found), report, show, changed_note,
                           changes_report)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if changes_report is not None:
        changes_report.write(report_path)
    if check or in_place or output or report.seen != 1:
        click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


class Show(NamedTuple):  # not a frozen dataclass: every start defines it, and a NamedTuple is much faster to define
    """What goes to standard output for each file."""

    diff: bool
    explain: bool
    text: bool

    def outcome(self, outcome: Outcome) -> None:
        stdout = sys.stdout.buffer
        if outcome.shown is not None:  # a streamed JSON Lines file: its worker made what is shown
            outcome.send_shown(stdout)
            return
        if self.diff:
            stdout.write(outcome.result.diff(outcome.path).encode("utf-8"))
        if self.explain:
            stdout.write(outcome.result.explain(outcome.path).encode("utf-8"))
        if self.text:
            stdout.write(outcome.data)


def _clean_stdin(
    pipeline: Pipeline, formats: Formats, show: Show, changes_report: ChangeReport | None, *, check: bool,
    streams: Streams | None,
) -> Report:
    try:
        outcome = clean_input(sys.stdin.buffer, "stdin", pipeline, formats=formats, streams=streams)
    except SkippedFile as error:  # binary, or not UTF-8: nothing else to go on with
        raise NormalizeError(error.message) from None
    show.outcome(outcome)
    if changes_report is not None:
        changes_report.add(outcome.path, outcome.result)
    for note in outcome.notes:
        click.echo(f"warning: {note}", err=True)
    if check and outcome.changed:
        click.echo("would change: stdin", err=True)
    report = Report(check=check)
    report.done(outcome)
    return report


def _print_run(
    items: Iterable[Outcome | batch.Skip], total: int, report: Report, show: Show, changed_note: str,
    changes_report: ChangeReport | None,
) -> None:
    """Print each file's output in order, count it, and name a changed file after ``changed_note``."""
    with Progress(total, show.diff or show.explain or show.text) as progress:
        for item in items:
            progress.step()
            if isinstance(item, batch.Skip):
                report.skipped(item.reason, error=item.error)
                if item.message:
                    progress.note(f"error: {item.message}")
                continue
            report.done(item)
            show.outcome(item)
            if changes_report is not None:
                changes_report.add(item.path, item.result)
            for note in item.notes:
                progress.note(f"warning: {note}")
            if item.changed and changed_note:
                progress.note(f"{changed_note}: {item.path}")


def _check_usage(paths: tuple[str, ...], check: bool, show_diff: bool, in_place: bool, output: Path | None) -> None:
    if not paths:
        raise click.UsageError("give at least one FILE or FOLDER, or '-' to read standard input")
    if in_place and (check or show_diff or output):
        raise click.UsageError("--in-place cannot be combined with --check, --diff or --output")
    if output and check:
        raise click.UsageError("--check writes nothing; it cannot be combined with --output")
    if STDIN in paths and len(paths) > 1:
        raise click.UsageError("'-' (standard input) cannot be combined with other paths")
    if STDIN in paths and (in_place or output):
        raise click.UsageError("standard input is written to standard output; --in-place and --output need files")


class Progress:
    """Per-file lines for standard error, and a progress bar there when it is a terminal.

    While a bar is drawn the lines are held back until it is done, so they do not tear it apart.
    No bar is drawn over text, diffs or explanations printed to the same terminal.
    """

    def __init__(self, total: int, prints_to_stdout: bool) -> None:
        show = total > 1 and sys.stderr.isatty() and not (prints_to_stdout and sys.stdout.isatty())
        self.bar = click.progressbar(length=total, label="cleaning", file=sys.stderr) if show else None
        self.held: list[str] = []

    def note(self, line: str) -> None:
        if self.bar is None:
            click.echo(line, err=True)
        else:
            self.held.append(line)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        for line in self.held:
            click.echo(line, err=True)


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
                include: tuple[str, ...], exclude: tuple[str, ...], config_path: Path | None) -> None:
    """Print the configuration in force for PATHs and where each value came from."""
    found = config_file(paths, config_path)
    config = build_config(paths, config_path, filters=filters, skip=skip,
                          include=include or None, exclude=exclude or None)
    click.echo(f"# configuration file: {found if found else 'none (built-in defaults)'}")
    selected = ", ".join(spec.name for spec in config.selected())
    click.echo(f"filters in force = [{selected}]")
    for key in ("filters", "skip", "include", "exclude"):
        value = getattr(config, key)
        shown = "(defaults)" if value is None else list(value)
        click.echo(f"{key} = {shown}  # {config.sources.get(key, 'default')}")
    for spec in config.selected():
        if spec.options is not None:
            click.echo(f"[{spec.name}] {config.options_for(spec)}  # {config.sources.get(spec.name, 'default')}")
    click.echo(f"# cache folder: {cache_dir()}")
