"""Property tests: the page forms never answer 500, never lose what was typed, and every
refusal says why; the diff of any two texts holds both texts completely; quick facts never
crash and never become HTML."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scope
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from buurtplein.infopages.diff import ADDED, CHANGED, REMOVED, SAME, diff_texts, pieces_text
from buurtplein.infopages.facts import check_facts, parse_facts
from buurtplein.infopages.models import InfoPage, InfoPageVersion
from buurtplein.infopages.tests.factories import InfoPageFactory

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text a browser can send (surrogates cannot be encoded), NUL characters included.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
long_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
lines = st.lists(
    st.one_of(
        st.sampled_from(
            ["Gft: maandag", "Gft: dinsdag", "Papier: elke tweede dinsdag", "", "- lijstje", "\r"]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
    max_size=12,
).map("\n".join)
fact_text = st.one_of(
    lines,
    st.lists(st.tuples(text, st.sampled_from([":", " :", ""]), text).map("".join), max_size=20).map(
        "\n".join
    ),
)


valid_facts = st.sampled_from(
    ["", "Telefoon: 024 123 45 67", "Open: ma t/m vr\nAdres: Dorpsstraat 40"]
)
# What an editor could type that is fine, and anything at all: a form starts valid and up to
# three fields are replaced by anything, so both saves and refusals happen.
PAGE_FIELDS = {
    "title": (st.sampled_from(["Afval", "Wie bel je waarvoor?", "Zalen huren", "Één"]), text),
    "slug": (st.just(""), st.one_of(st.sampled_from(["afval", "new", "Met Spatie"]), text)),
    "parent": (
        st.sampled_from(["", "top"]),
        st.one_of(st.sampled_from(["deep", "999999", "-1"]), st.text(max_size=12)),
    ),
    "visibility": (st.sampled_from(["public", "members"]), st.text(max_size=10)),
    "body": (long_text, long_text),
    "facts": (valid_facts, fact_text),
    "note": (text, text),
}


@st.composite
def page_forms(draw):
    broken = draw(st.sets(st.sampled_from(sorted(PAGE_FIELDS)), max_size=3))
    return {
        name: draw(anything if name in broken else valid)
        for name, (valid, anything) in PAGE_FIELDS.items()
    }


@pytest.mark.django_db
@given(data=page_forms())
@example(
    data={
        "title": "Zalen huren",
        "slug": "",
        "parent": "top",
        "visibility": "public",
        "body": "De **grote zaal**: € 25.",
        "facts": "Telefoon: 024 123 45 67",
        "note": "Eerste versie",
    }
)
@example(
    data={
        "title": "",
        "slug": "",
        "parent": "deep",
        "visibility": "x",
        "body": "Blijft staan",
        "facts": "x",
        "note": "",
    }
)
@SETTINGS
def test_the_new_page_form_never_500_and_keeps_what_was_typed(nb, connector, data):
    with scope(neighbourhood=nb):
        top = InfoPage.objects.filter(slug="afval").first() or InfoPageFactory(
            neighbourhood=nb, title="Afval", slug="afval"
        )
        middle = InfoPage.objects.filter(slug="gft").first() or InfoPageFactory(
            neighbourhood=nb, title="Gft", slug="gft", parent=top
        )
        deep = InfoPage.objects.filter(slug="kerst").first() or InfoPageFactory(
            neighbourhood=nb, title="Kerst", slug="kerst", parent=middle
        )
        before = InfoPage.objects.count()
    ids = {"top": str(top.pk), "deep": str(deep.pk)}
    client = Client()
    client.force_login(connector)
    data = {**data, "parent": ids.get(data["parent"], data["parent"])}
    response = client.post(f"/b/{nb.slug}/info/new/", data)
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        after = InfoPage.objects.count()
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors and all(form.errors.values())
        assert 'class="form-errors"' in response.content.decode()
        assert after == before
        for field in ("title", "slug", "body", "facts", "note"):
            assert form[field].value() == data[field]
    else:
        assert after == before + 1
        with scope(neighbourhood=nb):
            page = InfoPage.objects.order_by("-pk").first()
            version = InfoPageVersion.objects.get(page=page)
        assert page.title == data["title"].strip() and page.body == data["body"].strip()
        assert (version.title, version.body) == (page.title, page.body)
        assert page.depth <= 3 and page.parent != deep
        assert response["Location"].endswith(f"/info/{page.slug}/")


EDIT_FIELDS = {
    "title": PAGE_FIELDS["title"],
    "body": PAGE_FIELDS["body"],
    "facts": PAGE_FIELDS["facts"],
    "note": PAGE_FIELDS["note"],
    # "current": the version the page is at (a form opened just now); else anything, also an
    # old version (someone saved in between) or no number at all.
    "base_version": (st.just("current"), st.one_of(st.sampled_from(["1", "99", ""]), text)),
}


@st.composite
def edit_forms(draw):
    broken = draw(st.sets(st.sampled_from(sorted(EDIT_FIELDS)), max_size=3))
    return {
        name: draw(anything if name in broken else valid)
        for name, (valid, anything) in EDIT_FIELDS.items()
    }


@pytest.mark.django_db
@given(data=edit_forms())
@SETTINGS
def test_the_edit_form_never_500_and_keeps_what_was_typed(nb, connector, data):
    with scope(neighbourhood=nb):
        page = InfoPage.objects.filter(slug="afval").first() or InfoPageFactory(
            neighbourhood=nb, title="Afval", slug="afval", body="Oud"
        )
        page.refresh_from_db()
        version_before = page.version
    client = Client()
    client.force_login(connector)
    if data["base_version"] == "current":
        data = {**data, "base_version": str(version_before)}
    response = client.post(f"/b/{nb.slug}/info/afval/edit/", data)
    assert response.status_code in (302, 400, 409)
    with scope(neighbourhood=nb):
        page.refresh_from_db()
    if response.status_code in (400, 409):
        form = response.context["form"]
        for field in ("title", "body", "facts", "note"):
            assert form[field].value() == data[field]
        if response.status_code == 400:
            assert form.errors and page.version == version_before
        else:
            assert "Iemand anders heeft deze pagina opgeslagen" in response.content.decode()
    else:
        # Saved as typed (a new version), or it was the same text (only a check).
        assert page.version in (version_before, version_before + 1)
        assert (page.title, page.body) == (data["title"].strip(), data["body"].strip())
        assert page.facts == check_facts(data["facts"])


@given(old=long_text, new=long_text)
@example(old="a\nb\nc", new="a\nb\nc\n")
@example(old="Gft: maandag\r\nPapier", new="Gft: dinsdag\nPapier\n")
@example(old="x\u2028y\x0bz", new="x\u2029y")
@settings(max_examples=300, deadline=None)
def test_the_diff_of_any_two_texts_rebuilds_both(old, new):
    diff = diff_texts(old, new)
    assert diff.new_text == new and diff.old_text == old
    if not diff.changed:  # only line endings may differ
        assert old.splitlines() == new.splitlines()
    for block in diff.blocks:
        assert block.op in (SAME, ADDED, REMOVED, CHANGED)
        if block.op == CHANGED:
            assert pieces_text(block.old_pieces) == "".join(block.old)
            assert pieces_text(block.new_pieces) == "".join(block.new)
            assert {piece.op for piece in block.old_pieces} <= {SAME, REMOVED}
            assert {piece.op for piece in block.new_pieces} <= {SAME, ADDED}
        elif block.op == ADDED:
            assert not block.old and block.new
        elif block.op == REMOVED:
            assert block.old and not block.new
    if old == new:
        assert not diff.changed


@given(old=lines, new=lines)
@settings(max_examples=200, deadline=None)
def test_the_diff_of_lines_rebuilds_both_and_folds_only_unchanged_lines(old, new):
    diff = diff_texts(old, new)
    assert diff.old_text == old and diff.new_text == new
    assert all(block.op == SAME for block in diff.blocks if block.folded)


@given(facts=fact_text)
@settings(max_examples=200, deadline=None)
def test_quick_facts_are_checked_with_a_message_and_parsed_safely(facts):
    try:
        cleaned = check_facts(facts)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    parsed = parse_facts(cleaned)
    assert len(parsed) == len([line for line in cleaned.splitlines() if line.strip()])
    for fact in parsed:
        assert fact.label and fact.value
        assert fact.href == "" or fact.href.startswith(("tel:", "mailto:", "http://", "https://"))
        if fact.href.startswith("tel:"):
            assert fact.href[4:].lstrip("+").isdigit()
