"""Plain text from the small HTML fragments feeds carry (not whole pages: see ingest.html)."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SPACES = re.compile(r"[ \t\r\f\v]+")


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph a line; scripts and styles dropped."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
