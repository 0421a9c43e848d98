"""User text: a safe Markdown subset, rendered once on save and sanitised by nh3.

markdown-it-py (CommonMark, raw HTML off) turns the text into HTML; nh3 then keeps only an
allowlist of tags and attributes, and links only to http(s) and mailto with
``rel="nofollow ugc noopener"``. The result is stored and shown with ``|safe``.
"""

import html

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable(
    ["image", "heading", "lheading", "hr", "table"], ignoreInvalid=True
)

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    ).strip()


def plain_excerpt(text: str, length: int = 160) -> str:
    """A one-line plain-text excerpt (for previews and Open Graph descriptions)."""
    plain = nh3.clean(_markdown.render(text or ""), tags=set()).replace("\n", " ")
    plain = " ".join(plain.split())

    plain = html.unescape(plain)
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + "…"
