"""How input files are read, and the ``normalize clean`` options that say so.

A ``.md``/``.markdown`` file gets its Markdown structure protected (:mod:`normalize.protect`);
``--jsonl-field`` cleans one field of each JSON Lines record (:mod:`normalize.jsonl`);
``--encoding`` reads files that are not valid UTF-8 with another codec; ``--report`` writes every
changed file with its edits to a JSON or HTML file (:mod:`normalize.change_report`).
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import click

REPORT_SUFFIXES = (".json", ".html")
ASCII_PROBE = "\t\n\r {}[]\":,#&;<>`*_-azAZ09"


@dataclass(frozen=True)
class Formats:
    """How to read one file; it travels with the file to whichever process cleans it."""

    encoding: str | None = None
    """Codec for a file that is not valid UTF-8 (``None``: such a file is skipped)."""
    jsonl_field: str | None = None
    """Clean this field of each JSON Lines record instead of the whole file."""
    strict: bool = False
    """With ``jsonl_field``: a malformed line fails the file instead of being reported."""


def _codec(_ctx: click.Context, _param: click.Parameter, name: str | None) -> str | None:
    """A codec name the Python standard library knows and that keeps ASCII as ASCII."""
    if name is None:
        return None
    try:
        canonical = codecs.lookup(name).name
        ascii_compatible = ASCII_PROBE.encode(canonical) == ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        raise click.BadParameter(f"unknown encoding {name!r}") from None
    if not ascii_compatible:
        raise click.BadParameter(f"{name!r} does not keep ASCII as ASCII (convert such files to UTF-8 first)")
    return canonical


def _report_path(_ctx: click.Context, _param: click.Parameter, path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() not in REPORT_SUFFIXES:
        raise click.BadParameter(f"{path}: the report file must end in .json or .html")
    return path


FORMAT_OPTIONS = [
    click.option(
        "--encoding", callback=_codec, metavar="CODEC",
        help="Read files that are not valid UTF-8 with this codec (e.g. cp1252) and write them back in it.",
    ),
    click.option(
        "--jsonl-field", metavar="FIELD",
        help="Treat inputs as JSON Lines and clean this string field of each record; all else is kept as it is.",
    ),
    click.option(
        "--strict", is_flag=True,
        help="With --jsonl-field: a malformed line is an error (exit 2, file not written) instead of a warning.",
    ),
    click.option(
        "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), callback=_report_path,
        metavar="FILE.json|FILE.html",
        help="Write every changed file with its edits to FILE: JSON, or a self-contained HTML page to review.",
    ),
]


def format_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the format options; the command receives them as ``formats`` and ``report_path``."""

    @functools.wraps(command)
    def with_formats(*args: Any, encoding: str | None, jsonl_field: str | None, strict: bool, **kwargs: Any) -> Any:
        if strict and jsonl_field is None:
            raise click.UsageError("--strict only applies with --jsonl-field")
        return command(*args, formats=Formats(encoding, jsonl_field, strict), **kwargs)

    return functools.reduce(lambda cmd, decorate: decorate(cmd), reversed(FORMAT_OPTIONS), with_formats)
