"""Spell each organisation, place and person one way within an article, and restore lost list commas.

Dictionary names (``names.tsv``: countries, capitals, organisations, armed groups, leaders,
agencies) are found in any case, with or without hyphens, spaces, apostrophes or diacritics, by
one compiled matcher. A mention is rewritten to the dictionary's spelling when its spelling is no
known one (``Burkina faso``, ``al qaeda``), or when the article spells the entity more than one way
(``al Qaeda`` and ``Al Qaeda`` both become ``al-Qaeda``). A known variant used consistently is a
house style and stays (``Nato``, ``Kiev``), unless a ``style`` or the user's ``dictionary``
imposes one; a mention opening a sentence that may be another one's spelling capitalized
(``Nato`` opening a sentence, ``nato`` elsewhere) is rewritten with it. Other names follow the
spelling the article uses most (``Allied-Domecq`` -> ``Allied Domecq``, ``Oecd`` -> ``OECD``,
``yukos`` -> ``Yukos``); the winner needs two votes (a sentence opening only backs a spelling used
elsewhere) and more than any other spelling; a tie or a close second is reported, not changed. A
comma lost between two dictionary names of one kind inside a comma-separated list comes back.

Leaves alone: a lowercase common word, even when a name shares its letters (``turkey``, ``chad``,
``china``, ``may``); different names (``ISIL`` and ``ISIS``); the same spelling used for two
things (``Chad`` the country and the first name, ``Georgia``); words in capitals; addresses; a
name a combining mark follows (rewritten, its new last letter would take the mark).

>>> [(e.replacement, e.reason) for e in names("groups linked to al Qaeda and Al Qaeda", NamesOptions())][0]
('al-Qaeda', "the article spells al-Qaeda 2 ways ('Al Qaeda', 'al Qaeda'): the dictionary's spelling")
>>> [e.replacement for e in names("Burkina Faso, Chad, Mali Mauritania and Niger", NamesOptions())]
[',']
>>> [(e.replacement, e.apply) for e in names("ISIL and ISIS differ; Chad Smith ate turkey in Turkey.", NamesOptions())]
[('Turkey', False)]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from normalize.config import Config
from normalize.edits import Edit
from normalize.errors import NormalizeError
from normalize.registry import register


@dataclass(frozen=True)
class NamesOptions:
    """``dictionary``: a TSV of your own names (the format of ``names.tsv``); ``style``: a house style."""

    # Optional[str], not `str | None`: config._check_type takes a `X | None` hint for a type and
    # rejects every string.
    dictionary: Optional[str] = field(default=None, metadata={"path": True})
    style: str = ""

    def __post_init__(self) -> None:
        if self.dictionary is None and not self.style:
            return
        from normalize.names_dictionary import load, styles

        if self.style and self.style not in styles():
            raise NormalizeError(f"names: unknown style {self.style!r} (known: {', '.join(styles())})")
        load(self.dictionary, self.style)  # a broken user dictionary is reported now, naming its line


def with_user_dictionary(config: Config, path: Path) -> Config:
    """``config`` with the names filter also reading ``path`` (the ``--names FILE`` flag)."""
    options = config.options.get("names") or NamesOptions()
    names_options = dataclasses.replace(options, dictionary=str(path.resolve()))
    sources = {**config.sources, "names": "command line"}
    return dataclasses.replace(config, options={**config.options, "names": names_options}, sources=sources)


@register("names", order=500, options=NamesOptions)
def names(text: str, options: NamesOptions) -> Iterator[Edit]:
    """Yield the dictionary edits, the list commas, then the article's own majority spellings."""
    # Imported when the filter first runs: the names_* modules' patterns and classes took
    # milliseconds of every start, and a --check the cache answers runs no filter.
    from normalize.names_edits import names_edits

    return names_edits(text, options.dictionary, options.style)
