"""The capitalization and all-caps filters beyond their fixtures: the names.tsv hook, the data
files' shapes, any input, and zero edits on the clean corpus when it is present."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from normalize import sentences
from normalize.datafiles import read_table, read_words
from normalize.edits import apply_edits
from normalize.filters.all_caps import all_caps, known_forms
from normalize.filters.capitalization import REPAIRABLE, capitalization

CLEAN_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "clean"


@pytest.fixture
def names_table(monkeypatch):
    """Make ``read_table("names.tsv")`` return, or raise, what the test says; caches reset."""

    def install(result):
        real = sentences.read_table

        def fake(name):
            if name != "names.tsv":
                return real(name)
            if isinstance(result, Exception):
                raise result
            return result

        monkeypatch.setattr(sentences, "read_table", fake)
        clear_caches()

    yield install
    clear_caches()


def clear_caches():
    sentences.protected_names.cache_clear()
    known_forms.cache_clear()


def test_names_from_the_names_filter_are_protected(names_table):
    text = "Fans said The ordinary boys were the best act of the year.\n"
    names_table(())
    assert [edit.replacement for edit in capitalization(text)] == ["t"]
    names_table(({"canonical": "The Ordinary Boys", "kind": "band", "variants": "The ordinary boys"},))
    assert list(capitalization(text)) == []


def test_a_lowercase_name_from_the_names_filter_is_not_capitalized(names_table):
    text = "Sales rose by 10% last year. bbc figures show the same.\n"
    names_table(())
    assert [edit.replacement for edit in capitalization(text)] == ["B"]
    names_table(({"canonical": "BBC", "kind": "organisation", "variants": "Bbc|bbc"},))
    assert list(capitalization(text)) == []


def test_all_caps_takes_one_word_names_from_the_names_filter(names_table):
    text = "THE NEW VERSION OF NOKIA PHONES SOLD WELL IN THE BANK HOLIDAY.\n"
    names_table(({"canonical": "Nokia", "kind": "company", "variants": "NOKIA"},
                 {"canonical": "Bank of England", "kind": "organisation", "variants": ""}))
    assert [edit.replacement for edit in all_caps(text)] == ["he new version of Nokia phones sold well in the bank holiday"]


@pytest.mark.parametrize("problem", [FileNotFoundError("names.tsv"), ValueError("zip() argument 2 is shorter")])
def test_a_missing_or_malformed_names_file_means_no_extra_names(names_table, problem):
    names_table(problem)
    assert sentences.dictionary_names() == frozenset()
    assert [edit.replacement for edit in capitalization("Officials said It was over.\n")] == ["i"]


def test_function_word_kinds_are_known():
    kinds = {row["kind"] for row in read_table("capitalization_function_words.tsv")}
    assert kinds == REPAIRABLE | {"finite verb"}
    assert all(row["word"].islower() for row in read_table("capitalization_function_words.tsv"))


def test_word_lists_have_the_shape_their_use_needs():
    assert not any(word.endswith(".") for word in read_words("capitalization_abbreviations.txt"))
    assert all(word.isalpha() and word.islower() for word in read_words("capitalization_reporting_verbs.txt"))
    assert not set(read_words("capitalization_reporting_verbs.txt")) & set(read_words("attribution_words.txt"))
    assert all(word.islower() for word in read_words("capitalization_lowercase_starts.txt"))
    assert all(sum(char.isupper() for char in word) >= 2 for word in read_words("capitalization_acronyms.txt"))
    for name in ("capitalization_proper_names.txt", "capitalization_name_openers.txt"):
        assert all(word[0].isupper() for word in read_words(name))
    for name in read_words("capitalization_protected.txt"):
        assert re.split(r"['?]", name.split()[0])[0].lower() in sentences.function_words(), name


@pytest.mark.parametrize(
    "paragraph",
    [
        "Le président a dit. la France enverra des soldats au Mali, a-t-il ajouté lundi soir.",
        "Die Regierung sagte, Die Maßnahmen gegen die Inflation würden bald beschlossen. sie gelten ab Mai.",
        "El gobierno dijo. la medida para apoyar a las familias y a las empresas entra en vigor.",
        "Il governo ha detto. le misure per sostenere le famiglie e le imprese arrivano lunedì.",
    ],
)
def test_paragraphs_in_other_languages_are_left_alone(paragraph):
    assert not sentences.is_english(paragraph)
    assert list(capitalization(paragraph + "\n")) == []


WORDS = st.sampled_from(
    ["the", "The", "He", "said", "said.", ",", ". ", "?", "!", "\"", "\u201c", ":", "\n", "\n\n", "\r\n",
     "U.S.", "Mr.", "eBay", "İ", "ß", "ŉ", "\u00a0", "\ufeff", "\ud800", "THE", "LONDON", "SAID.", "I", "x",
     "\u00a0\n", "\x0b", "\r", "for\n\n", "said: \"", "A CAPITAL LINE OF SIX WORDS.", "we", "."]
)
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_capitalization_only_changes_the_case_of_one_letter(text):
    for edit in capitalization(text):
        assert edit.end - edit.start == 1
        before = text[edit.start]
        assert edit.replacement != before and edit.replacement in (before.lower(), before.upper())


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_all_caps_copes_with_any_text_and_settles(text):
    once = apply_edits(text, all_caps(text)).text
    assert list(all_caps(once)) == []


@pytest.mark.skipif(not CLEAN_CORPUS.is_dir(), reason="the shared corpus is not here")
def test_no_edits_on_the_clean_corpus():
    """Each clean article must come back unchanged: any edit here is a false positive."""
    edited = {}
    for path in sorted(CLEAN_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        edits = [*capitalization(text), *all_caps(text)]
        if edits:
            edited[path.name] = [(text[e.start - 30 : e.end + 10], e.reason) for e in edits]
    assert edited == {}
