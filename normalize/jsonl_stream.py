"""Clean a JSON Lines file as a stream: memory bounded by its longest record, whatever its size.

Each record is cleaned, its bytes written out, its diff lines and ``--explain`` lines written out,
and then forgotten; what is kept is counters and the warnings about malformed lines. The bytes,
the explanation and the diff are those of :func:`normalize.jsonl.clean_file` on the whole file.
The diff compares each line with the same line cleaned (a record never moves or splits): that is
what difflib finds as well, except in a file whose lines repeat each other, where difflib may
align a changed line with a copy elsewhere (and it is quadratic on a large file).

>>> import io
>>> from normalize import Pipeline, Config
>>> lines = [b'{"text": "a  b"}\\n', b'{"text": "fine"}\\n', b'{"text": "c  d"}\\n']
>>> output, diff, explain = io.BytesIO(), io.BytesIO(), io.BytesIO()
>>> result, notes = clean_stream(lines, "a.jsonl", "text", Pipeline(Config(filters=("whitespace",))),
...                              write=output.write, diff=diff, explain=explain)
>>> result.changed, result.edit_counts(), output.getvalue()[:18]
(True, {'whitespace': 2}, b'{"text": "a b"}\\n{"')
>>> print(diff.getvalue().decode(), explain.getvalue().decode(), sep="", end="")
--- a/a.jsonl
+++ b/a.jsonl
@@ -1,3 +1,3 @@
-{"text": "a  b"}
+{"text": "a b"}
 {"text": "fine"}
-{"text": "c  d"}
+{"text": "c d"}
a.jsonl:1:12: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)
a.jsonl:3:12: whitespace: '  ' -> ' '  (run of 2 spaces inside a line)
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections import deque
from typing import IO, Callable, Iterable

from normalize.jsonl import clean_lines, located_in_line
from normalize.pipeline import Pipeline, Result
from normalize.render import LINE_BREAK, NO_NEWLINE, explain_lines
from normalize.result_summary import ResultSummary

CONTEXT = 3  # lines of context around a hunk, as difflib.unified_diff gives by default
SPOOL = 1 << 20  # a hunk longer than this many bytes waits on disk until its header can be written


def clean_stream(
    lines: Iterable[bytes], name: str, field: str, pipeline: Pipeline, *, encoding: str = "utf-8",
    strict: bool = False, write: Callable[[bytes], object] | None = None, diff: IO[bytes] | None = None,
    explain: IO[bytes] | None = None,
) -> tuple[ResultSummary, tuple[str, ...]]:
    """Clean ``field`` in each of ``lines``; pass the output bytes to ``write`` and write the unified
    diff and the ``--explain`` lines (UTF-8) to ``diff`` and ``explain`` as the records go by.

    Returns the result and the warnings about malformed lines; with ``strict`` the first one raises
    :class:`normalize.jsonl.MalformedRecord` (what was written by then is the caller's to discard).
    """
    originals, feed = itertools.tee(lines)  # in step with the records: tee holds one line at most
    records = clean_lines(feed, field, pipeline, encoding=encoding, strict=strict, name=name)
    differ = LineDiff(diff, name) if diff is not None else None
    counts: dict[str, int] = {}
    notes: list[str] = []
    changed = reported = False
    first_line = 1  # as --explain counts lines
    try:
        for raw, record in zip(originals, records):
            if write is not None:
                write(record.data)
            if record.problem:
                notes.append(record.problem)
            shown = raw.decode(encoding, "replace")
            cleaned = shown if record.data == raw else record.data.decode(encoding, "replace")
            changed = changed or cleaned != shown
            if changes := located_in_line(record, shown):
                for change in changes:
                    if change.applied:
                        counts[change.filter] = counts.get(change.filter, 0) + 1
                    reported = reported or not change.applied
                if explain is not None:
                    lines = explain_lines(Result(shown, cleaned, tuple(changes)), name, first_line)
                    explain.write("".join(line + "\n" for line in lines).encode("utf-8"))
            if differ is not None:
                differ.add(shown, cleaned)
            first_line += sum(1 for _ in LINE_BREAK.finditer(shown))
        if differ is not None:
            differ.finish()
    finally:
        if differ is not None:
            differ.close()
    return ResultSummary("", "", altered=changed, counts=tuple(counts.items()), reported=reported), tuple(notes)


class LineDiff:
    """The unified diff of :func:`normalize.render.unified_diff`, made from pairs of lines fed in
    order, each old line against its new version.

    It holds at most ``2 * CONTEXT`` unchanged lines; the lines of the open hunk wait in spooled
    files (on disk past ``SPOOL`` bytes) until its end, and so its length for the header, is known.
    """

    def __init__(self, sink: IO[bytes], path: str) -> None:
        self.sink, self.path = sink, path
        self.line = 0  # lines fed so far
        self.before: deque[str] = deque(maxlen=CONTEXT)  # unchanged lines just before the next hunk
        self.after: list[str] = []  # unchanged lines since the open hunk's last changed line
        self.hunk: IO[bytes] | None = None  # the open hunk's lines, up to its last changed line
        self.added: IO[bytes] | None = None  # the '+' lines of the changed lines in a row
        self.start = self.end = 0  # the open hunk's first line and the line after its last change
        self.headed = False

    def add(self, old: str, new: str) -> None:
        if old != new:
            self._changed(old, new)
        elif self.hunk is None:
            self.before.append(old)
        else:
            self._flush_added()
            self.after.append(old)
            if len(self.after) > 2 * CONTEXT:  # too far from the next change to share its hunk
                self._close()
        self.line += 1

    def finish(self) -> None:
        if self.hunk is not None:
            self._close()

    def close(self) -> None:
        """Delete the spooled lines of a diff left unfinished (a --strict failure part way)."""
        for spool in (self.hunk, self.added):
            if spool is not None:
                spool.close()

    def _changed(self, old: str, new: str) -> None:
        if self.hunk is None:
            self.hunk = tempfile.SpooledTemporaryFile(SPOOL)
            self.start = self.line - len(self.before)
            self._write(self.hunk, " ", self.before)
            self.before.clear()
        self._write(self.hunk, " ", self.after)
        self.after.clear()
        self._write(self.hunk, "-", [old])
        if self.added is None:
            self.added = tempfile.SpooledTemporaryFile(SPOOL)
        self._write(self.added, "+", [new])
        self.end = self.line + 1

    def _flush_added(self) -> None:
        if self.added is not None and self.hunk is not None:
            self._append(self.added, self.hunk)
            self.added = None

    def _close(self) -> None:
        assert self.hunk is not None, "only an open hunk is closed"
        self._flush_added()
        self._write(self.hunk, " ", self.after[:CONTEXT])
        length = self.end + min(len(self.after), CONTEXT) - self.start
        lines = f"{self.start + 1}" if length == 1 else f"{self.start + 1},{length}"
        if not self.headed:
            self.sink.write(f"--- a/{self.path}\n+++ b/{self.path}\n".encode("utf-8"))
            self.headed = True
        self.sink.write(f"@@ -{lines} +{lines} @@\n".encode("utf-8"))
        self._append(self.hunk, self.sink)
        self.before.extend(self.after[-CONTEXT:])
        self.after.clear()
        self.hunk = None

    @staticmethod
    def _write(spool: IO[bytes], sign: str, lines: Iterable[str]) -> None:
        for line in lines:
            spool.write((sign + line if line.endswith("\n") else sign + line + "\n" + NO_NEWLINE).encode("utf-8"))

    @staticmethod
    def _append(spool: IO[bytes], sink: IO[bytes]) -> None:
        spool.seek(0)
        shutil.copyfileobj(spool, sink)
        spool.close()
