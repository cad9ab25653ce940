"""Clean text scraped from news sites, and say exactly what was changed and why.

>>> from normalize import clean
>>> result = clean('France said He planned the "three-border,quot; region.', filters=["html-entities"])
>>> result.text
'France said He planned the "three-border" region.'
>>> [(change.filter, change.before, change.after) for change in result.changes]
[('html-entities', ',quot;', '"')]
"""

from __future__ import annotations

from typing import Iterable, Sequence

from normalize.config import Config
from normalize.edits import Change, Edit
from normalize.errors import NormalizeError
from normalize.pipeline import Pipeline, Result, replay
from normalize.registry import FilterSpec, register

__version__ = "0.1.0"
__all__ = [
    "Change",
    "Config",
    "Edit",
    "FilterSpec",
    "NormalizeError",
    "Pipeline",
    "Result",
    "clean",
    "register",
    "replay",
    "__version__",
]


def clean(
    text: str,
    filters: Iterable[str] | None = None,
    *,
    skip: Iterable[str] = (),
    config: Config | None = None,
    protected: Sequence[tuple[int, int]] = (),
) -> Result:
    """Clean ``text`` with the default filters, or only ``filters`` (always in their fixed order).

    ``config`` carries per-filter options; ``filters`` and ``skip`` override its selection.
    """
    config = config or Config()
    config = config.with_flags(
        filters=tuple(filters) if filters is not None else None, skip=tuple(skip) or None
    )
    return Pipeline(config).run(text, protected)
