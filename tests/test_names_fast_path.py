"""The names filter's fast paths give exactly the edits of its slow path (``normalize.fastpath.disabled``).

The slow path ignores case in the dictionary matcher and reads every word of the article twice;
the fast path matches the lowercased text, finds name-like words in C and skips what cannot change.
Compared edit for edit (start, end, replacement, reason, apply) on every names fixture, every
corpus article and generated text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from normalize import fastpath
from normalize.config import from_table
from normalize.filters.names import NamesOptions, names
from normalize.names_dictionary import CASE_ALIASES, SEPARATOR, fold, load, matches
from normalize.names_document import WORD, find_mentions
from normalize.names_lowercase import StrongKeys, _fewest, _in_strong_name
from normalize.names_runs import LONGEST, MARK_OPENING, NAMELIKE_ASCII, ascii_ballot, blanked, lowercase_openers
from normalize.names_votes import LOWERCASE_OPENING, _lowercase_openers, count_votes
from normalize.names_words import NAMELIKE, NON_ASCII_LETTER, SENTENCE_OPENING, _ascii_name_words, links, sentence_openings, words

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "names"
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = sorted((CORPUS / "clean").glob("*.txt")) + sorted((CORPUS / "dev" / "input").glob("*.txt"))
STYLES = [NamesOptions(), NamesOptions(style="ap"), NamesOptions(style="bbc")]


def edits(text: str, options: NamesOptions, *, fast: bool) -> list[tuple]:
    with contextlib.nullcontext() if fast else fastpath.disabled():
        return [dataclasses.astuple(edit) for edit in names(text, options)]


def assert_same(text: str, options: NamesOptions) -> None:
    assert edits(text, options, fast=True) == edits(text, options, fast=False), text


def fixture_cases() -> list[tuple[str, NamesOptions]]:
    cases_file = FIXTURES / "cases.toml"
    with cases_file.open("rb") as handle:
        rows = tomllib.load(handle)["case"]
    cases = [(row["input"], from_table(row.get("options", {}), cases_file).options.get("names", NamesOptions()))
             for row in rows]
    for path in sorted(FIXTURES.glob("*.input.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            cases.append((handle.read(), NamesOptions()))
    return cases


@pytest.mark.parametrize(("text", "options"), fixture_cases())
def test_fixtures_give_the_same_edits(text: str, options: NamesOptions) -> None:
    assert_same(text, options)
    assert_same(text.replace("\n", "\r\n"), options)


@pytest.mark.skipif(not ARTICLES, reason="the shared corpus is not beside the repository")
def test_corpus_articles_give_the_same_edits() -> None:
    for path in ARTICLES:
        with path.open(encoding="utf-8", newline="") as handle:
            assert_same(handle.read(), NamesOptions())


def test_a_user_dictionary_with_other_letters_keeps_the_slow_matcher(tmp_path: Path) -> None:
    (tmp_path / "x.tsv").write_text("canonical\tkind\tvariants\nØrsted\tcompany\t\n", encoding="utf-8")
    options = NamesOptions(dictionary=str(tmp_path / "x.tsv"))
    assert load(options.dictionary, "").lowercase_pattern is None
    assert load(None, "").lowercase_pattern is not None
    assert_same("Shares in ørsted and Ørsted rose; ØRSTED said.", options)


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("In Allied Domecq Xyz Corp deals, Allied Domecq Xyz Corp won; at Allied Domecq xyz Corp staff left.",
         "Allied Domecq Xyz Corp"),  # a lowercase word deep in a four-word name
        ("Shares in Yukos and Yukos staff; yukos fell.", "Yukos"),  # a lowercase name alone
        ("In Allied-Domecq shares, Allied-Domecq staff and Allied Domecq bosses.", "Allied-Domecq"),  # joiners only
        ("Shares in Strauß and Strauß staff; strauss fell.", None),  # a key folded from another letter
        ("Shares in Bank and Bank staff; the bank fell.", None),  # a common word alone is never capitalized
        ("In \ufe70\ufe72 and \ufe70\ufe72 we saw. yes \ufe70\ufe72, Yukos and Yukos, yukos", None),  # a word with no key
        ("Yukos Société \ufe70\ufe72 Yukos société Yukos Société ", "Yukos Société"),  # and a folded lowercase word
        ("The Scottish Football Association and the Scottish Football Association met; Scottish football fell.",
         "Scottish Football"),  # a lowercase word joined only to the name word before it, its key not strong
        ("In Yukos Oil Corp deals, Yukos Oil Corp won; then yukos Oil Corp fell.", "Yukos Oil Corp"),  # ... or after it
    ],
)
def test_hand_made_articles_give_the_same_edits(text: str, replacement: str | None) -> None:
    assert_same(text, NamesOptions())
    assert replacement is None or replacement in [edit[2] for edit in edits(text, NamesOptions(), fast=True)]


WORDS = ["Yukos", "yukos", "YUKOS", "Allied", "allied", "Domecq", "domecq", "AlliedDomecq", "al", "Al", "Qaeda",
         "qaeda", "the", "The", "Turkey", "turkey", "Mittal", "steel", "Steel", "société", "Société", "SOCIÉTÉ",
         "ıstanbul", "İstanbul", "Istanbul", "ſtate", "State", "state", "eBay", "EBay", "van", "Van", "Gogh", "\ufe70\ufe72", "ﬁnance", "Finance", "ǅemal", "Σίσυφος", "ab²", "Ab²",
         "Burkina", "faso", "Faso", "ISIL", "isis", "ısıs", "ındia", "Iſlamic", "Nato", "NATO", "he", "He", "said", "K", "straße", "Straße"]
JOINS = [" ", " ", " ", "-", ", ", ". ", "\n", "\r\n", "’", "'", " and ", "@", ".", "\u2010"]
ARTICLE_LIKE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(JOINS)), max_size=40).map(
    lambda pairs: "".join(word + join for word, join in pairs))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(ARTICLE_LIKE | st.text(max_size=60), st.sampled_from(STYLES))
def test_generated_text_gives_the_same_edits(text: str, options: NamesOptions) -> None:
    assert_same(text, options)


def test_only_the_case_aliases_match_ignoring_case_but_not_lowercased() -> None:
    """The proof behind ``matches``: for every code point whose lowercase is one character, the
    case-ignoring trie characters (a-z, 0-9, separators) match it exactly when they equal its
    lowercase, and ``\\w`` holds for both or neither, except for ``CASE_ALIASES``."""
    chars = "".join(chr(code) for code in range(0x110000)
                    if not 0xD800 <= code < 0xE000 and len(chr(code).lower()) == 1)
    lowered = chars.lower()
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789" + SEPARATOR[1:-2].replace("\\", "")
    ignoring = {m.start() for m in re.finditer(f"[{re.escape(alphabet)}]", chars, re.IGNORECASE)}
    exact = {m.start() for m in re.finditer(f"[{re.escape(alphabet)}]", lowered)}
    mismatched = {at for at in ignoring | exact
                  if {char for char in alphabet if re.fullmatch(re.escape(char), chars[at], re.IGNORECASE)}
                  != ({lowered[at]} & set(alphabet))}
    word = {m.start() for m in re.finditer(r"\w", chars)} ^ {m.start() for m in re.finditer(r"\w", lowered)}
    assert {chars[at] for at in mismatched | word} == set(CASE_ALIASES)


SHORTCUT_TEXT = st.lists(st.sampled_from(
    WORDS + JOINS + ["de", "van", "vanGogh", "x2Y", "a_B", "Ab²", "\u0301", "Éric", "(", '"', "“", "?", "!", "\r",
                     "Ivory Coast", "côte d'ivoire", "al-qaeda", "new york", "NewYork", "burkina faso"]),
    max_size=40).map("".join) | st.text(alphabet=string.ascii_letters + "  -.'\n\u00e9\u2019\u00df_2", max_size=40)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(SHORTCUT_TEXT | st.text(max_size=40))
def test_the_ascii_pattern_finds_the_name_like_words(text: str) -> None:
    if not NON_ASCII_LETTER.search(text):
        assert [m.span() for m in NAMELIKE_ASCII.finditer(text)] == [m.span() for m in NAMELIKE.finditer(text)]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(SHORTCUT_TEXT | st.text(max_size=40))
def test_the_sentence_openings_are_found_in_one_pass(text: str) -> None:
    every = [m.end() for m in SENTENCE_OPENING.finditer(text)]
    assert set(sentence_openings(text, MARK_OPENING)) == set(every)
    lowercase = {end for end in every if (word := WORD.match(text, end)) and word[0].islower()}
    assert {end for end in sentence_openings(text, LOWERCASE_OPENING) if end in lowercase} == lowercase


@settings(derandomize=True, max_examples=300, deadline=None)
@given(SHORTCUT_TEXT | st.text(max_size=40))
def test_the_lowercase_trie_finds_the_matches_of_the_case_ignoring_one(text: str) -> None:
    names = load(None, "")
    found = list(matches(names, text))
    with fastpath.disabled():
        assert found == list(matches(names, text))


ASCII_WORDS = [word for word in WORDS if not NON_ASCII_LETTER.search(word)] + [
    "de", "van", "Van", "der", "vanGogh", "VAN", "Deutsche", "deutsche", "Bank", "bank", "DeutscheBank", "Mr", "Brown",
    "brown", "Labour", "Party", "party", "microsoft", "Microsoft", "I", "A", "a", "Ivory", "Coast", "new", "York"]
ASCII_ARTICLE = st.lists(st.tuples(st.sampled_from(ASCII_WORDS), st.sampled_from(JOINS + ["! ", "? ", '. "', ".\n(", " - "])),
                         max_size=50).map(lambda pairs: "".join(word + join for word, join in pairs))


@settings(derandomize=True, max_examples=400, deadline=None)
@given(ASCII_ARTICLE)
def test_ascii_text_gives_the_same_edits(text: str) -> None:
    """Text whose letters are all ASCII is where the first pass takes ``_ascii_name_words``."""
    assert_same(text, NamesOptions())


@settings(derandomize=True, max_examples=400, deadline=None)
@given(ASCII_ARTICLE)
def test_the_ascii_name_words_are_the_words_kept(text: str) -> None:
    taken = [(mention.start, mention.end) for mention in find_mentions(text, load(None, ""))]
    openings = set(sentence_openings(text, MARK_OPENING))
    expected = words(text, taken, set(), map(re.Match.span, NAMELIKE.finditer(text)), openings)
    assert _ascii_name_words(text, taken) == expected


def ballots(text: str) -> tuple:
    """The first pass counted in bulk (``ascii_ballot``) and word by word (``count_votes``), each
    as a tuple of what the second pass reads, each key's spellings in the order first voted."""
    taken = [(mention.start, mention.end) for mention in find_mentions(text, load(None, ""))]
    reference = count_votes(text, _ascii_name_words(text, taken), taken)
    bulk = ascii_ballot(text, taken)
    return tuple(None if ballot is None else (
        ballot.spellings, {key: list(counts.items()) for key, counts in ballot.votes.items()}, ballot.wanted,
        ballot.starts, ballot.solo, sorted(ballot.openers), ballot.parts) for ballot in (bulk, reference))


RUN_WORDS = ASCII_WORDS + ["Emmanuel", "Macron", "MACRON", "President", "Motorsport", "Club", "Ludwig", "Beethoven",
                           "alicia", "Keys", "KEYS", "iPod", "IPod", "Ab", "AB", "Abcd", "Cd", "cd", "Xy", "z"]
RUN_JOINS = [" ", " ", "-", " ", ". ", ".\r\n", "\r\n\r\n", "? ", '! "', ". (", ", ", " and ", " - ", ":", "\u201c", "2"]
RUN_ARTICLE = st.lists(st.tuples(st.sampled_from(RUN_WORDS), st.sampled_from(RUN_JOINS)), max_size=60).map(
    lambda pairs: "".join(word + join for word, join in pairs))


@settings(derandomize=True, max_examples=500, deadline=None)
@given(RUN_ARTICLE)
def test_the_bulk_count_gives_the_word_by_word_ballot(text: str) -> None:
    bulk, reference = ballots(text)
    assert bulk is None or bulk == reference


@pytest.mark.parametrize(
    "text",
    [
        "In Yukos and YUKOS, then Yukos. Yukos said; yukos and Yukos.",  # one-word runs, openers, lowercase
        "President Emmanuel Macron met Macron and MACRON. Emmanuel Macron left.",  # last words vote alone
        "Ludwig van Beethoven and van Beethoven; Van Beethoven played. van Gogh too.",  # particles
        "alicia Keys sang.\r\nalicia Keys-Smith and Alicia Keys; the BBC News Online Team.",  # lowercase openers, CRLF
        "U.S. Steel said. Steel Corp and U.S. Steel Corp.",  # a mention's full stop still ends a sentence
        "AB Cd and Ab Cd and AB CD, Ab Cd-Ef and AB-CD.",  # capitals, shouting runs
        "\u201cYukos Oil\u201d and Yukos Oil. (Yukos Oil) and 2Yukos Oil",  # quotes, a digit before a word
        # a run after a mark and openers opens a sentence; after a mark, a comma and a space it does not
        'It fell. "Yukos Oil" rose.\n(de Gaulle) and Yukos Oil. , Yukos Oil?! \u2018Yukos Oil\t*Yukos Oil',
        # runs standing several times, at an opening and inside: counted once each, their votes in order
        "Allied-Domecq Xyz and Allied Domecq Xyz. Allied Domecq Xyz said; Allied-Domecq Xyz, Allied Domecq Xyz.",
    ],
)
def test_hand_made_runs_give_the_word_by_word_ballot(text: str) -> None:
    bulk, reference = ballots(text)
    assert bulk == reference
    assert_same(text, NamesOptions())


def test_a_key_voted_joined_and_apart_is_counted_word_by_word() -> None:
    """'DeutscheBank' and 'Deutsche Bank' share a key: the order of their first votes decides how a
    tie is reported, and the bulk count does not keep it, so it hands over."""
    text = "In Deutsche Bank and DeutscheBank, Deutsche Bank and DeutscheBank staff."
    assert ballots(text)[0] is None
    assert [edit[3] for edit in edits(text, NamesOptions(), fast=True)][0].startswith(
        "'Deutsche Bank' and 'DeutscheBank' are used equally often")
    assert_same(text, NamesOptions())


@pytest.mark.skipif(not ARTICLES, reason="the shared corpus is not beside the repository")
def test_corpus_articles_give_the_word_by_word_ballot() -> None:
    counted = 0
    for path in ARTICLES:
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        if not NON_ASCII_LETTER.search(text):
            bulk, reference = ballots(text)
            assert bulk is None or bulk == reference, path
            counted += bulk is not None
    assert counted > len(ARTICLES) // 2  # the bulk count is the common case, not the exception


@settings(derandomize=True, max_examples=300, deadline=None)
@given(RUN_ARTICLE)
def test_the_lowercase_openers_are_found_in_one_pass(text: str) -> None:
    taken = [(mention.start, mention.end) for mention in find_mentions(text, load(None, ""))]
    tokens = _ascii_name_words(text, taken)
    expected = _lowercase_openers(text, tokens, links(text, tokens), taken)
    assert lowercase_openers("\n" + blanked(text, taken)) == expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(alphabet=string.printable, max_size=20))
def test_an_ascii_spelling_folds_to_its_letters_and_digits_in_lowercase(spelling: str) -> None:
    assert fold(spelling) == "".join(char for char in spelling if char.isalnum()).lower()


def reads_every_key(word: str, parts: set[str], strong: set[str]) -> bool:
    """``_in_strong_name``'s search for ``word`` inside a longer strong key, one key at a time."""
    for key in strong:
        at = key.find(word)
        while at >= 0 and key != word:
            if _fewest(key[:at], parts) + _fewest(key[at + len(word) :], parts) < LONGEST:
                return True
            at = key.find(word, at + 1)
    return False


KEY_PARTS = ["ab", "a", "b", "ba", "abc", "c", "cab"]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.sampled_from(KEY_PARTS), st.sets(st.sampled_from(KEY_PARTS), max_size=5),
       st.sets(st.lists(st.sampled_from(KEY_PARTS), min_size=1, max_size=6).map("".join), max_size=6))
def test_a_word_is_found_inside_the_strong_keys_as_reading_every_key_finds_it(
        word: str, parts: set[str], strong: set[str]) -> None:
    votes = {key: {key.title(): 2} for key in strong}  # alone, a short or common word is never rewritten
    found = _in_strong_name(word, parts, votes, StrongKeys(strong - {word}, "\0".join(strong - {word})))
    assert found == reads_every_key(word, parts, strong - {word})
