"""Read the tables in ``normalize/data/``: UTF-8, ``#`` comments, tab-separated, loaded once.

>>> read_words("attribution_words.txt")[:3]
('accepted', 'according', 'added')
>>> read_table("mangled_references.tsv")[0]
{'name': 'amp', 'without_ampersand': 'no', 'without_semicolon': 'yes'}
"""

from __future__ import annotations

import functools


def data_lines(name: str) -> list[str]:
    """The meaningful lines of a data file: no comments, no blank lines, no line endings."""
    import pkgutil  # here, not at the top: a --check the cache answers reads no data file

    data = pkgutil.get_data("normalize.data", name)  # importlib.resources costs ms to import
    if data is None:
        raise FileNotFoundError(f"normalize/data/{name}")
    text = data.decode("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def read_words(name: str) -> tuple[str, ...]:
    """A file with one entry per line."""
    return tuple(line.strip() for line in data_lines(name))


@functools.cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated file whose first meaningful line names the columns."""
    header, *rows = (line.split("\t") for line in data_lines(name))
    return tuple(dict(zip(header, row, strict=True)) for row in rows)
