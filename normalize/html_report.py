"""The ``--report FILE.html`` page: one self-contained file (no network) to review a run's changes.

It shows a button per filter with its count of edits, and each changed file as diff hunks, inline
(old line above new) or side by side, with the characters that changed highlighted and invisible
ones spelled out (``\\u00a0``, ``↵`` for a line break). Under each hunk, its edits: position,
filter, before → after, reason; report-only edits on lines that did not change are listed after
the hunks. Filter buttons switch a filter's edits off and on; a hunk or a
file whose edits are all switched off is hidden. ``page.html#filter=whitespace&view=split`` opens
with only that filter's edits shown, side by side.
"""

from __future__ import annotations

import difflib
import html
from bisect import bisect_right
from typing import Iterator

from normalize import __version__
from normalize.change_report import counts
from normalize.pipeline import Result
from normalize.edits import Change
from normalize.render import LINE_BREAK, located_changes, visible

Located = tuple[Change, int, int]
SIMILAR = 0.6  # lines at least this alike (difflib's ratio) are shown as one line changed
ALIGN_LIMIT = 2500  # a replaced block with more line pairs than this is shown as removed + added
Opcode = tuple[str, int, int, int, int]

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #d0d7de;padding:10px 16px;z-index:1}
h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:0;padding:8px 12px;background:#f6f8fa;border-bottom:1px solid #d0d7de}
button{font:inherit;border:1px solid #d0d7de;border-radius:6px;background:#fff;padding:3px 10px;margin:2px;cursor:pointer}
button[aria-pressed=true]{background:#0969da;color:#fff;border-color:#0969da}
.count{font-weight:600;margin-left:4px}main{padding:12px 16px}
section.file{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin-bottom:16px;overflow:hidden}
table.diff{border-collapse:collapse;width:100%;font:12px/1.5 ui-monospace,monospace;table-layout:fixed}
table.diff td{padding:0 6px;white-space:pre-wrap;word-break:break-all;vertical-align:top}
td.no{width:3.5em;color:#6e7781;text-align:right;user-select:none}td.sign{width:1em}
tr.old td.text,td.old{background:#ffebe9}tr.new td.text,td.new{background:#e6ffec}
del{background:#ff8182;text-decoration:none}ins{background:#4ac26b;text-decoration:none}
.esc{font-style:italic;opacity:.8}
table.edits{border-collapse:collapse;width:100%;font-size:13px;border-top:1px solid #d0d7de;table-layout:fixed}
table.edits td{padding:2px 12px;border-bottom:1px solid #eaeef2;vertical-align:top;overflow-wrap:anywhere}
table.edits td:nth-child(1){width:5em}table.edits td:nth-child(2){width:8em}table.edits td:nth-child(3){width:35%}
table.edits code{background:#eaeef2;border-radius:4px;padding:0 3px}
.filter{font-weight:600}.report-only{color:#9a6700}
.hidden,body.inline .split,body.split .inline{display:none}
"""

SCRIPT = """
const off=new Set();
function apply(){
  document.querySelectorAll('button[data-filter]').forEach(b=>b.setAttribute('aria-pressed',String(!off.has(b.dataset.filter))));
  document.querySelectorAll('tr.edit').forEach(r=>r.classList.toggle('hidden',off.has(r.dataset.filter)));
  document.querySelectorAll('.hunk,section.file').forEach(h=>h.classList.toggle('hidden',!h.querySelector('tr.edit:not(.hidden)')));
  document.getElementById('shown').textContent=document.querySelectorAll('tr.edit:not(.hidden)').length;
}
document.querySelectorAll('button[data-filter]').forEach(b=>b.addEventListener('click',()=>{
  off.has(b.dataset.filter)?off.delete(b.dataset.filter):off.add(b.dataset.filter);apply();}));
document.querySelectorAll('button[data-view]').forEach(b=>b.addEventListener('click',()=>{
  document.body.className=b.dataset.view;
  document.querySelectorAll('button[data-view]').forEach(o=>o.setAttribute('aria-pressed',String(o===b)));}));
const params=new URLSearchParams(location.hash.slice(1)),only=params.get('filter');
if(only){document.querySelectorAll('button[data-filter]').forEach(b=>{if(b.dataset.filter!==only)off.add(b.dataset.filter);});}
document.querySelector(`button[data-view="${params.get('view')}"]`)?.click();
apply();
"""


def render_page(files: list[tuple[str, Result]]) -> str:
    """The whole page for the changed ``files`` (path, result), in the order given."""
    per_filter = counts([result for _, result in files])
    total = sum(per_filter.values())
    buttons = "".join(
        f'<button data-filter="{_e(name)}" aria-pressed="true">{_e(name)}<span class="count">{n}</span></button>'
        for name, n in sorted(per_filter.items())
    )
    sections = "".join(_file_section(path, result) for path, result in files)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>normalize report: {len(files)} file(s)</title><style>{STYLE}</style></head>"
        f'<body class="inline"><header><h1>normalize {__version__}: {len(files)} file(s), {total} edit(s), '
        f'<span id="shown">{total}</span> shown</h1>'
        f'<div class="filters">Filters: {buttons}</div><div class="views">View: '
        '<button data-view="inline" aria-pressed="true">inline</button>'
        '<button data-view="split" aria-pressed="false">side by side</button></div></header>'
        f"<main>{sections}</main><script>{SCRIPT}</script></body></html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(text: str) -> list[str]:
    """Lines with their breaks, split where ``--explain`` counts lines (CRLF, CR or LF)."""
    lines, start = [], 0
    for match in LINE_BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    return lines + [text[start:]] if start < len(text) else lines


def _file_section(path: str, result: Result) -> str:
    old, new = _lines(result.original), _lines(result.text)
    located = list(located_changes(result))  # sorted by position, so by line too
    lines = [line for _, line, _ in located]
    file_counts = ", ".join(f"{n} {name}" for name, n in sorted(counts([result]).items()))
    hunks, outside, taken = [], [], 0
    for group in difflib.SequenceMatcher(_blank, old, new, autojunk=False).get_grouped_opcodes(1):
        first, last = group[0][1], max(group[-1][2], group[0][1] + 1)  # old lines first+1..last
        start, end = bisect_right(lines, first), bisect_right(lines, last)
        outside += located[taken:start]  # report-only edits on lines no hunk shows
        hunks.append(_hunk(group, old, new, located[start:end]))
        taken = end
    outside += located[taken:]
    if outside:
        hunks.append(f'<div class="hunk">{_edits_table(outside)}</div>')
    return f'<section class="file"><h2>{_e(path)} <small>({file_counts})</small></h2>{"".join(hunks)}</section>'


def _blank(line: str) -> bool:
    """Blank lines do not anchor the alignment of lines (as in ``difflib.Differ``): they are everywhere."""
    return not line.strip()


def _hunk(group: list[Opcode], old: list[str], new: list[str], edits: list[Located]) -> str:
    inline, split = [], []
    for tag, i1, i2, j1, j2 in group:
        rows = zip(range(i1, i2), range(j1, j2)) if tag == "equal" else _align(old, new, i1, i2, j1, j2)
        for i, j in rows:
            if tag == "equal" or (i is not None and j is not None and old[i] == new[j]):
                text = _show(old[i])
                inline.append(_row("same", i + 1, j + 1, " ", text))
                split.append(_split_row(i + 1, text, j + 1, text))
            elif i is not None and j is not None:
                old_html, new_html = _highlight(old[i], new[j])
                inline += [_row("old", i + 1, "", "-", old_html), _row("new", "", j + 1, "+", new_html)]
                split.append(_split_row(i + 1, old_html, j + 1, new_html))
            elif i is not None:
                text = f"<del>{_show(old[i], True)}</del>"
                inline.append(_row("old", i + 1, "", "-", text))
                split.append(_split_row(i + 1, text, "", ""))
            else:
                text = f"<ins>{_show(new[j], True)}</ins>"
                inline.append(_row("new", "", j + 1, "+", text))
                split.append(_split_row("", "", j + 1, text))
    return (
        f'<div class="hunk"><table class="diff inline">{"".join(inline)}</table>'
        f'<table class="diff split">{"".join(split)}</table>{_edits_table(edits)}</div>'
    )


def _align(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> Iterator[tuple[int | None, int | None]]:
    """Lines of a replaced block in order: similar ones paired (to highlight the characters that
    changed), the others alone. As ``difflib.Differ`` does, the most similar pair of non-blank
    lines is paired first and each side is aligned the same way."""
    if i2 - i1 == j2 - j1 and all(_similar(old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2))):
        yield from zip(range(i1, i2), range(j1, j2))  # each line changed in place: the usual case
        return
    candidates = (
        (_similarity(old[i], new[j]), i, j)
        for i in range(i1, i2) if not _blank(old[i])
        for j in range(j1, j2) if not _blank(new[j])
    ) if (i2 - i1) * (j2 - j1) <= ALIGN_LIMIT else ()
    ratio, i, j = max(candidates, default=(0.0, None, None))
    if i is None or j is None or ratio < SIMILAR:
        yield from _blank_lines_paired(old, new, i1, i2, j1, j2)
        return
    yield from _align(old, new, i1, i, j1, j)
    yield i, j
    yield from _align(old, new, i + 1, i2, j + 1, j2)


def _blank_lines_paired(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> Iterator[tuple[int | None, int | None]]:
    """Unrelated lines: each removed, then each added, except that a blank line meets a blank line."""
    j = j1
    for i in range(i1, i2):
        if _blank(old[i]) and j < j2 and _blank(new[j]):
            yield i, j
            j += 1
        else:
            yield i, None
    yield from ((None, k) for k in range(j, j2))


def _similarity(old_line: str, new_line: str) -> float:
    matcher = difflib.SequenceMatcher(None, old_line, new_line, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _similar(old_line: str, new_line: str) -> bool:
    return _similarity(old_line, new_line) >= SIMILAR


def _row(kind: str, old_no, new_no, sign: str, content: str) -> str:
    return f'<tr class="{kind}"><td class="no">{old_no}</td><td class="no">{new_no}</td><td class="sign">{sign}</td><td class="text">{content}</td></tr>'


def _split_row(old_no, old_html: str, new_no, new_html: str) -> str:
    old_class = "old" if old_html and old_html != new_html else ""
    new_class = "new" if new_html and old_html != new_html else ""
    return (f'<tr><td class="no">{old_no}</td><td class="text {old_class}">{old_html}</td>'
            f'<td class="no">{new_no}</td><td class="text {new_class}">{new_html}</td></tr>')


def _highlight(old: str, new: str) -> tuple[str, str]:
    """Both lines with the characters that differ wrapped in ``<del>`` and ``<ins>``."""
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            old_parts.append(_show(old[i1:i2]))
            new_parts.append(_show(new[j1:j2]))
            continue
        if i2 > i1:
            old_parts.append(f"<del>{_show(old[i1:i2], True)}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{_show(new[j1:j2], True)}</ins>")
    return "".join(old_parts), "".join(new_parts)


def _show(text: str, changed: bool = False) -> str:
    """Escaped text; inside a change, line breaks and invisible characters are spelled out."""
    return "".join(_show_chars(text, changed))


def _show_chars(text: str, changed: bool) -> Iterator[str]:
    for char in text:
        if char in "\r\n":
            if changed:
                yield f'<span class="esc">{"↵" if char == chr(10) else "␍"}</span>'
        elif char != " " and not char.isprintable():
            yield f'<span class="esc">{_e(visible(char)[1:-1])}</span>'
        else:
            yield _e(char)


def _edits_table(edits: list[Located]) -> str:
    rows = []
    for change, line, column in edits:
        if change.applied:
            what = f"<code>{_e(visible(change.before))}</code> → <code>{_e(visible(change.after))}</code>"
        else:
            what = f'<span class="report-only">reported, not changed:</span> <code>{_e(visible(change.before))}</code>'
        rows.append(
            f'<tr class="edit" data-filter="{_e(change.filter)}"><td>{line}:{column}</td>'
            f'<td class="filter">{_e(change.filter)}</td><td>{what}</td><td>{_e(change.reason)}</td></tr>'
        )
    return f'<table class="edits">{"".join(rows)}</table>'
