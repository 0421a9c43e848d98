"""User text: a safe Markdown subset, rendered once on save and sanitised by nh3.

markdown-it-py (CommonMark, raw HTML off) turns the text into HTML; nh3 then keeps only an
allowlist of tags and attributes, and links only to http(s) and mailto with
``rel="nofollow ugc noopener"``. The result is stored and shown with ``|safe``.

Two flavours: :func:`render_markdown` for what neighbours write (posts, comments, offers,
descriptions: paragraphs, lists, links, quotes — no headings, so nobody shouts over the page)
and :func:`render_document` for pages kept by buurtverbinders and professionals (neighbourhood
information), which also have section headings (``#`` → h2, ``##`` → h3, ``###`` and deeper →
h4, below the page's own h1), simple tables (opening hours) and a dividing line.
"""

import html

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable(
    ["image", "heading", "lheading", "hr", "table"], ignoreInvalid=True
)


def _headings_below_the_title(state) -> None:
    """A document's ``#`` is a section of the page (h2): the page's title is its only h1."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 4)}"


_document = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    .enable("table")
    .disable(["image"], ignoreInvalid=True)
)
_document.core.ruler.push("headings_below_the_title", _headings_below_the_title)

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
DOCUMENT_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _clean(html: str, tags: set[str]) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    ).strip()


def render_markdown(text: str) -> str:
    """What neighbours write: paragraphs, line breaks, bold, italic, lists, links, quotes, code."""
    return _clean(_markdown.render(text or ""), ALLOWED_TAGS)


def render_document(text: str) -> str:
    """A page kept by buurtverbinders and professionals: also headings, tables and a line."""
    return _clean(_document.render(text or ""), DOCUMENT_TAGS)


def plain_excerpt(text: str, length: int = 160) -> str:
    """A one-line plain-text excerpt (for previews and Open Graph descriptions)."""
    plain = nh3.clean(_markdown.render(text or ""), tags=set()).replace("\n", " ")
    plain = " ".join(plain.split())

    return shortened(html.unescape(plain), length)


def shortened(text: str, length: int = 160) -> str:
    """``text`` cut to at most ``length`` characters, "…" included, at a word (the search
    page's lines, :func:`plain_excerpt`'s excerpts); a shorter one stays whole."""
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
