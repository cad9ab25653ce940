"""The built-in filters; importing this package registers them."""

from normalize.filters import html_entities, unicode, whitespace
from normalize.filters import junk_lines
from normalize.filters import names
from normalize.filters import all_caps, capitalization

__all__ = ["all_caps", "capitalization", "html_entities", "junk_lines", "names", "unicode", "whitespace"]
