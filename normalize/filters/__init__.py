"""The built-in filters; importing this package registers them."""

from normalize.filters import html_entities, unicode, whitespace

__all__ = ["html_entities", "unicode", "whitespace"]
