"""The built-in filters; importing this package registers them."""

from normalize.filters import html_entities, names, unicode, whitespace

__all__ = ["html_entities", "names", "unicode", "whitespace"]
