"""The capitalization filter's fast path (``normalize.capitalization_candidates``) gives exactly
the slow path's edits on generated prose dense with what it repairs and what it leaves alone."""

import random

import pytest
from hypothesis import given, settings, strategies as st

from normalize import fastpath
from normalize.capitalization_candidates import candidate_patterns, candidates, function_word_places
from normalize.filters.capitalization import capitalization

# Words, marks and quotes that reach every branch of the filter and of body_lines: repairable
# capitals after a comma or a reporting verb, lowercase sentence and paragraph starts,
# abbreviations, names, list items, code, other languages; then every kind of line break.
PIECES = [
    "He", "The", "Their", "And", "Who", "Indeed", "It's", "She\u2019ll", "I", "I'm", "The Hague", "He Jiankui",
    "he", "the", "their", "and", "who", "was", "were", "planned", "delighted", "dismantling of", "a", "i", "eBay",
    "de", "28-year-old", "said", "told", "believes", "added", "officials", "army", "drones", "raid", "Officials",
    "France", "U.S.", "Jan.", "e.g.", "Mr.", "J.", "trev.", "think", "LSE", "lse", "le", "la", "des", "und",
    ",", ", ", ".", ". ", "?", "!", ":", ";", " - ", '"', "'", "\u201c", "\u201d", "\u2019", "(", ")", "[",
    " ", "  ", "\ufeff", "- ", "1. ", "{", " == ",
]
ENDS = ["", ".", ". ", "?", "!", '."', ".\u201d", ":"]
BREAKS = ["\n", "\n\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", "\n \n", "\n\ufeff\n"]


def prose(pieces: list[str]) -> str:
    """Pieces joined with a space wherever neither side brings its own spacing."""
    text = ""
    for piece in pieces:
        glued = not text or text[-1] in " \ufeff" or piece[0] in " ,.?!:;)\u201d"
        text += piece if glued else " " + piece
    return text


def lines(parts: list[tuple[list[str], str, str]]) -> str:
    """Short lines (pieces, an ending, a line break): a line holds few places an edit may come
    from, so a fast path that missed one would miss its edit."""
    return "".join(prose(pieces) + end + line_break for pieces, end, line_break in parts)


def both_ways(text: str):
    fast = list(capitalization(text))
    with fastpath.disabled():
        slow = list(capitalization(text))
    return fast, slow


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(ENDS), st.sampled_from(BREAKS)), max_size=8).map(lines))
def test_generated_prose_same_without_fast_paths(text: str) -> None:
    fast, slow = both_ways(text)
    assert fast == slow


def test_seeded_prose_same_without_fast_paths_and_reaching_every_kind_of_edit() -> None:
    """Many longer texts, and proof that they hold edits of each kind (else the test proves little)."""
    rng = random.Random(8)
    kinds = {"mid-sentence": 0, "after a full stop": 0, "after a question mark": 0, "paragraph starts": 0}
    for _ in range(600):
        count = rng.randint(1, 12)
        text = lines([(rng.choices(PIECES, k=rng.randint(2, 16)), rng.choice(ENDS), rng.choice(BREAKS)) for _ in range(count)])
        fast, slow = both_ways(text)
        assert fast == slow, text
        for edit in fast:
            for kind in kinds:
                kinds[kind] += kind in edit.reason
    assert all(count >= 5 for count in kinds.values()), kinds


# One edit each, at an edge of a candidate search (two spaces, a contraction, an opening or
# closing quote, '!', a BOM, CR line breaks): the fast path must find each.
EDGES = [
    "Officials said  He planned to go home early on Monday.\n",
    "Officials said He\u2019s planning to go home early on Monday.\n",
    "Officials said they would go home, Their plan was to leave early.\n",
    "Officials said Their 28-year-old leader had gone home early on Monday.\n",
    "Officials said He I don't know went home early on Monday.\n",
    "The talks failed on Monday, the minister said! the army moved in at dawn.\n",
    "Did the army really win the battle? the raid used drones over the city.\n",
    "The army said it won the battle.\u201d the raid used drones over the city.\n",
    "The army said it won the battle. (the raid used drones over the city.)\n",
    "The army said it won the battle. \u201cthe raid used drones over the city.\u201d\n",
    "The army said so on Monday.\r\rthe raid used drones over the city all night.\r",
    "The army said so on Monday.\r\n\r\nthe raid used drones over the city all night.\r\n",
    'The army said so on Monday.\n\n"the raid used drones over the city," he said.\n',
    "The army said so on Monday.\n\n(the raid used drones over the city all night.)\n",
    "\ufeffthe raid used drones over the city all night, officials said.\n",
]


@pytest.mark.parametrize("text", EDGES)
def test_each_edge_same_without_fast_paths(text: str) -> None:
    fast, slow = both_ways(text)
    assert len(slow) == 1 and fast == slow


def test_candidates_are_where_edits_come_from() -> None:
    text = 'Officials said He planned to go.\r\n\r\nthe army said. "we won," he said. did they win? the raid ended.\n'
    assert [text[offset : offset + 4] for offset in candidates(text)] == ["He p", "the ", '. "w', ". di", "? th"]
    assert [edit.replacement for edit in capitalization(text)] == ["h", "T", "W", "D", "T"]


# Beside the prose: characters the byte scan turns into '?' or reads as its own marker byte.
SCAN_EDGES = ["\x01", "\u00e9", "\u00c9", "\u2019s", "'s", "\U0001f600", "\ud800", "Indeedy", "Thee", "A.", ",The"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES + SCAN_EDGES), max_size=20).map(prose))
def test_function_word_places_are_where_the_search_matches(text: str) -> None:
    assert function_word_places(text) == [match.start() for match in candidate_patterns()[0].finditer(text)]


def test_function_word_places_reach_past_other_characters() -> None:
    text = "\u201cOfficials\u201d said He\u2019s going, \U0001f600 and The army moved.\x01He planned."
    assert [text[place : place + 3] for place in function_word_places(text)] == ["He\u2019", "The"]
