"""Property tests: the sanitiser never lets active content through; the post form never
answers 500 and never loses what was typed."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core.text import render_document, render_markdown

NEIGHBOURS_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
# Pages kept by buurtverbinders and professionals also have section headings, tables and a line.
DOCUMENT_TAGS = NEIGHBOURS_TAGS | {"h2", "h3", "h4", "hr"}
DOCUMENT_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}

DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "[x](vbscript:msgbox(1))",
    "<<script>script>alert(1)<</script>/script>",
]

markdownish = st.lists(
    st.one_of(
        st.sampled_from(DANGEROUS),
        st.text(max_size=40),
        st.sampled_from(
            ["**", "*", "[", "](", ")", "<", ">", "`", "\n", "- ", "> ", "&", '"', "'", "="]
        ),
        st.sampled_from(["# ", "### ", "\n| a | b |\n|---|---|\n| ", " |", "\n---\n", "!["]),
    ),
    max_size=20,
).map("".join)


@pytest.mark.parametrize(
    ("render", "allowed"),
    [(render_markdown, NEIGHBOURS_TAGS), (render_document, DOCUMENT_TAGS)],
    ids=["neighbours' text", "document"],
)
@given(text=markdownish)
@settings(max_examples=300, deadline=None)
def test_sanitiser_output_has_no_active_content(render, allowed, text):
    html = render(text)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered and "<svg" not in lowered and "<img" not in lowered
    assert not re.search(r"<[^>]+\son\w+\s*=", lowered), html
    assert not re.search(r"<[^>]+\sstyle\s*=", lowered), html
    for href in re.findall(r'href="([^"]*)"', html):
        scheme = re.match(r"^\s*([a-z][a-z0-9+.-]*):", href.lower())
        assert scheme is None or scheme.group(1) in {"http", "https", "mailto"}, href
    for tag in re.findall(r"</?([a-z0-9]+)", lowered):
        assert tag in allowed, html


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_plain_words_survive_the_sanitiser(text):
    words = re.findall(r"[A-Za-z]{4,}", text)
    html = render_markdown(text)
    for word in words[:5]:
        assert word in html


form_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)


@pytest.mark.django_db
@given(
    category=st.one_of(
        st.sampled_from(["news", "question", "tip", "lost_found", "notice"]), st.text(max_size=12)
    ),
    title=form_text,
    text=form_text,
    visibility=st.one_of(st.sampled_from(["members", "public"]), st.text(max_size=8)),
)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_post_form_never_500_and_keeps_what_was_typed(
    nb, resident, category, title, text, visibility
):
    client = Client()
    client.force_login(resident)
    data = {"category": category, "title": title, "text": text, "visibility": visibility}
    response = client.post(f"/b/{nb.slug}/posts/new/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        # What was typed is put back in the form, exactly as typed.
        assert form["text"].value() == text
        assert form["title"].value() == title
