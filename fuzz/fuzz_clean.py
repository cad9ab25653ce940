"""Coverage-guided fuzzing of ``normalize.clean`` with atheris, checking the property-test properties.

Each input is decoded by hypothesis into a filter selection (the default pipeline or any one
registered filter) and a text drawn from the strategies of ``tests/test_properties.py`` (real
article snippets, scraper artifacts, arbitrary Unicode), and ``check_properties`` asserts: no
crash, nothing skipped, exact replay of the change log, every untouched character kept, one
explain line per change, idempotence. atheris mutates the inputs towards new coverage of
``normalize`` and ftfy. Black's ``scripts/fuzz.py`` drives its hypothesis test the same way.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_clean.py -max_total_time=60            # one minute
    python fuzz/fuzz_clean.py -max_total_time=3600 -jobs=2 -workers=2 fuzz-corpus/

Any libFuzzer flag works; a directory argument keeps the inputs that found new coverage, so a
later run starts from them. A failure prints the text and filters that broke a property.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["normalize", "ftfy"]):
    import ftfy  # noqa: F401  the unicode filter imports ftfy lazily: instrument it now
    import normalize.filters  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import given, settings, strategies as st  # noqa: E402
from test_properties import FILTER_NAMES, articles, check_properties  # noqa: E402

selections = st.sampled_from([None, *([name] for name in FILTER_NAMES)])


@settings(database=None)  # a failure is printed below; fuzz inputs are not replayable examples
@given(filters=selections, text=articles)
def clean_keeps_its_properties(filters: list[str] | None, text: str) -> None:
    try:
        check_properties(text, filters)
    except AssertionError:
        print(f"\nproperty broken by clean({text!r}, {filters!r})", file=sys.stderr)
        raise


def main() -> None:
    atheris.Setup(sys.argv, clean_keeps_its_properties.hypothesis.fuzz_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
