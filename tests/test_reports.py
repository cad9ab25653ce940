"""--report FILE.json and FILE.html: every changed file with its edits, built from the change log."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import asdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import clean
from normalize.change_report import ChangeReport
from normalize.cli import main
from normalize.edits import Change
from normalize.pipeline import Result
from normalize.html_report import render_page

ARTICLE = 'He said  "we&#39;ll stay".\n<script>alert("x")</script> &amp;  AT&amp;T\u200b\n'
OTHER = "Line one.\n\n\n\nLine  two\u00a0here."


class Page(HTMLParser):
    """What a test needs from the page: buttons, edit rows, scripts, external references, text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.buttons: dict[str, str] = {}
        self.rows: list[str] = []
        self.scripts = 0
        self.external: list[str] = []
        self.text: list[str] = []
        self._button: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "button" and "data-filter" in attributes:
            self._button = attributes["data-filter"]
            self.buttons[self._button] = ""
        if tag == "tr" and "edit" in (attributes.get("class") or "").split():
            self.rows.append(attributes["data-filter"] or "")
        self.scripts += tag == "script"
        self.external += [value for name, value in attrs if name in ("src", "href") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._button = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._button is not None:
            self.buttons[self._button] += data


def results():
    return [("a.txt", clean(ARTICLE)), ("b.md", clean(OTHER))]


def test_json_report_is_the_change_log_with_positions(tmp_path: Path) -> None:
    report = ChangeReport()
    for path, result in results():
        report.add(path, result)
    report.add("clean.txt", clean("Nothing to do.\n"))
    target = tmp_path / "run.json"
    report.write(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [entry["path"] for entry in data["files"]] == ["a.txt", "b.md"]
    for entry, (path, result) in zip(data["files"], results()):
        explained = [line.split(": ", 1)[0] for line in result.explain(path).splitlines()]
        assert [f"{path}:{c['line']}:{c['column']}" for c in entry["changes"]] == explained
        records = [{k: v for k, v in c.items() if k not in ("line", "column")} for c in entry["changes"]]
        assert sorted(map(json.dumps, records)) == sorted(json.dumps(asdict(c)) for c in result.changes)
        assert entry["changed"] is True
    expected = Counter(c.filter for _, result in results() for c in result.changes)
    assert data["counts"] == dict(sorted(expected.items()))


def test_html_page_structure_counts_and_escaping() -> None:
    page = Page(render_page(results()))
    expected = Counter(c.filter for _, result in results() for c in result.changes)
    assert {name: int("".join(ch for ch in label if ch.isdigit())) for name, label in page.buttons.items()} == expected
    assert Counter(page.rows) == expected
    assert page.scripts == 1  # the page's own; the article's <script> is text
    assert page.external == []
    text = "".join(page.text)
    assert '<script>alert("x")</script>' in text
    assert "\\u200b" in text  # the removed invisible character is spelled out


def test_each_edit_is_listed_under_its_hunk_and_report_only_edits_after_them() -> None:
    original, cleaned = "a\nb  c\nd\ne\nf\ng\nh  i\n", "a\nb c\nd\ne\nf\ng\nh i\n"
    changes = (
        Change("whitespace", "run of 2 spaces", "  ", " ", 3, 3, 5, True),
        Change("junk-lines", "a teaser line", "e", "", 9, 9, 10, False),
        Change("whitespace", "run of 2 spaces", "  ", " ", 16, 16, 18, True),
    )
    page = render_page([("x.txt", Result(original, cleaned, changes))])
    hunks = [Page(hunk).rows for hunk in page.split('<div class="hunk">')[1:]]
    assert hunks == [["whitespace"], ["whitespace"], ["junk-lines"]]
    assert "reported, not changed:" in page


def test_a_removed_line_is_not_paired_with_an_unrelated_one() -> None:
    original = "Para  one is here.\n\nRead more: other story\n\nPara two stays.\n"
    cleaned = "Para one is here.\n\nPara two stays.\n"
    changes = (
        Change("whitespace", "run", "  ", " ", 4, 4, 6, True),
        Change("junk-lines", "teaser", "Read more: other story\n\n", "", 20, 20, 44, True),
    )
    inline = render_page([("x.txt", Result(original, cleaned, changes))]).split('<table class="diff split">')[0]
    rows = re.findall(r'<tr class="(\w+)">(?:<td class="no">\d*</td>){2}<td class="sign">.</td><td class="text">(.*?)</td>', inline)
    assert rows == [
        ("old", "Para<del> </del> one is here."),
        ("new", "Para one is here."),
        ("old", '<del><span class="esc">↵</span></del>'),
        ("old", '<del>Read more: other story<span class="esc">↵</span></del>'),
        ("same", ""),
    ]


def test_cli_writes_the_report_for_changed_files_only(tmp_path: Path) -> None:
    changed, unchanged = tmp_path / "a.txt", tmp_path / "ok.txt"
    changed.write_text(ARTICLE, encoding="utf-8", newline="")
    unchanged.write_text("Fine.\n", encoding="utf-8", newline="")
    target = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["clean", "--check", "--report", str(target), str(changed), str(unchanged)])
    assert result.exit_code == 1
    assert [entry["path"] for entry in json.loads(target.read_text(encoding="utf-8"))["files"]] == [str(changed)]


def test_cli_rejects_other_report_suffixes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", "--report", str(tmp_path / "r.txt"), "-"], input="x\n")
    assert result.exit_code == 2
    assert "must end in .json or .html" in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900", *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_filter_buttons_work_in_a_real_browser(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_page(results()), encoding="utf-8")
    shown = _chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#filter=whitespace&view=split").stdout
    dom = Page(shown)
    visible_rows = shown.count('<tr class="edit" data-filter="whitespace">')
    whitespace = sum(c.filter == "whitespace" for _, result in results() for c in result.changes)
    assert visible_rows == whitespace > 0
    assert shown.count('<tr class="edit hidden"') == len(dom.rows) - whitespace > 0
    assert f'<span id="shown">{whitespace}</span>' in shown
    assert '<body class="split">' in shown
    screenshot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={screenshot}", page.as_uri())
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
