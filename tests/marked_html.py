"""Read the marked article HTML back: the text under each mark, the tags and attributes used.

Shared by the article-view tests and the browser test; a parser, not a
regular expression, so a tag hidden in an attribute or in text cannot fool it.
"""

from __future__ import annotations

from html.parser import HTMLParser


class MarkedText(HTMLParser):
    """Collect, for every ``data-m`` mark, the text inside its elements.

    Text inside badges (``av-badge``) and gaps (``av-gap``) is not article
    text and is left out; ``body_text`` is all remaining text in order.
    Every start tag is recorded with its attributes in ``tags``.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.text: dict[int, str] = {}
        self.body_text = ""
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        classes = (attributes.get("class") or "").split()
        hidden = "av-badge" in classes or "av-gap" in classes or (self.stack and self.stack[-1][2])
        self.stack.append((tag, attributes.get("data-m"), bool(hidden)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][2]:
            return
        self.body_text += data
        for _, mark, _ in self.stack:
            if mark is not None:
                self.text[int(mark)] = self.text.get(int(mark), "") + data


def read_marked(fragment: str) -> MarkedText:
    parser = MarkedText()
    parser.feed(fragment)
    parser.close()
    return parser
