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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from normalize.config import Config
from normalize.edits import Edit
from normalize.errors import NormalizeError
from normalize.names_dictionary import Entry, Mention, load, straight, styles
from normalize.names_document import case_changes, case_risk, find_mentions, list_commas
from normalize.names_majority import majority_edits
from normalize.registry import register

APOSTROPHES = "'\u2019"


@dataclass(frozen=True)
class NamesOptions:
    """``dictionary``: a TSV of your own names (the format of ``names.tsv``); ``style``: a house style."""

    # Optional[str], not `str | None`: config._check_type takes a `X | None` hint for a type and
    # rejects every string.
    dictionary: Optional[str] = field(default=None, metadata={"path": True})
    style: str = ""

    def __post_init__(self) -> None:
        if self.style and self.style not in styles():
            raise NormalizeError(f"names: unknown style {self.style!r} (known: {', '.join(styles())})")
        if self.dictionary is not None or self.style:
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
    dictionary = load(options.dictionary, options.style)
    mentions = find_mentions(text, dictionary)
    yield from _dictionary_edits(text, mentions)
    yield from list_commas(text, [m for m in mentions if m.spelling[:1].isupper()])
    yield from majority_edits(text, [(m.start, m.end) for m in mentions])


def _dictionary_edits(text: str, mentions: list[Mention]) -> Iterator[Edit]:
    apostrophe = "\u2019" if text.count("\u2019") > text.count("'") else "'"
    groups: dict[Entry, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.entry].append(mention)
    for entry, group in groups.items():
        safe = {id(m) for m in group if any(m.spelled(known) for known in entry.spellings)
                or case_risk(m.spelling, _written(entry.canonical, m, apostrophe), initial=m.initial) is None}
        plain = {straight(m.spelling) for m in group if id(m) in safe and not m.initial}
        used = sorted(plain | {straight(m.spelling) for m in group if id(m) in safe and m.initial
                               and not any(m.spelled(spelling) for spelling in plain)})
        known = [spelling for spelling in used if any(spelling == straight(k) for k in entry.spellings)]
        target = known[0] if len(known) == 1 and not entry.imposed else entry.canonical
        named = any(m.spelled(entry.canonical) for m in group)
        for mention in group:
            wanted = _written(target, mention, apostrophe)
            if mention.spelled(wanted):
                continue
            # A sentence's first word spelled like a plain mention ('Nato' opening a sentence, 'nato'
            # elsewhere) is that spelling: rewritten when it is, or a second run would see two.
            judged = next((p for p in plain if mention.spelled(p)), None) if mention.initial else None
            if id(mention) not in safe:
                if named and mention.spelling.islower():  # 'turkey' in an article naming Turkey
                    yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} is also a common word: "
                               f"left alone, though the article names {entry.canonical} ({entry.kind})", apply=False)
            elif len(used) > 1:
                whose = "the article's" if target != entry.canonical else "the dictionary's"
                yield Edit(mention.start, mention.end, wanted, f"the article spells {entry.canonical} {len(used)} "
                           f"ways ({', '.join(map(repr, used))}): {whose} spelling")
            elif entry.imposed:
                yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} -> {wanted!r}: the spelling your dictionary or house style imposes")
            elif not known and judged not in (None, straight(mention.spelling)):
                if not _title_case_only(judged, target):
                    yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} opens a sentence, spelled "
                               f"{judged!r} elsewhere: no known spelling of {entry.canonical} ({entry.kind})")
            elif not known and not _title_case_only(mention.spelling, wanted):
                yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} is no known spelling of {entry.canonical} ({entry.kind})")


def _title_case_only(spelling: str, wanted: str) -> bool:
    """'Cia' for 'CIA' used alone: maybe a house style, maybe another word ('Cia', a company)."""
    return " " not in spelling and not spelling.islower() and case_changes(spelling, wanted)


def _written(canonical: str, mention: Mention, apostrophe: str) -> str:
    """The canonical spelling as this mention should show it: its apostrophe, a sentence's capital."""
    used = [char for char in mention.spelling if char in APOSTROPHES]
    written = canonical.replace("'", used[0] if used else apostrophe)
    return written[:1].upper() + written[1:] if mention.initial else written
