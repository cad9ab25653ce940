"""The one error type the user sees: a single line, exit status 2."""

from __future__ import annotations

import click


class NormalizeError(click.ClickException):
    """Bad input, configuration or usage: one line naming the file and the problem, exit 2.

    (``click.FileError`` would exit 1, which means "would change" in ``--check``.)
    """

    exit_code = 2
