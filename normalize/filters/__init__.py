"""The built-in filters; importing this package registers them."""

from normalize.filters import html_entities, unicode, whitespace
from normalize.filters import junk_lines
from normalize.filters import names

__all__ = ["html_entities", "junk_lines", "names", "unicode", "whitespace"]
