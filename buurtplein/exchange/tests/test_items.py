"""What residents notice in vraag & aanbod: offering with photos, finding by filters and
distance, replying, "geregeld", thank-yous, expiry and renewal, removal."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.exchange import actions
from buurtplein.exchange.models import Item, ItemPhoto, State, Thanks, Visibility
from buurtplein.exchange.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def url(nb, path=""):
    return f"/b/{nb.slug}/exchange/{path}"


DRILL = {
    "direction": "offer",
    "kind": "things",
    "category": "tools",
    "deal": "lend",
    "title": "Boormachine te leen",
    "description": "Bosch klopboor, met een set boren. **Graag** binnen een week terug.",
    "area": "Javastraat",
    "availability": "'s avonds en in het weekend",
    "visibility": "members",
    "alt_text": "Blauwe boormachine in een koffer",
}


def test_offer_a_drill_with_a_photo_the_place_is_kept_and_the_gps_is_gone(client, nb, anna):
    client.force_login(anna)
    photo = SimpleUploadedFile("boor.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(url(nb, "new/"), {**DRILL, "photos": [photo]})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        item = Item.objects.get()
        stored = ItemPhoto.objects.get(item=item)
    assert (item.latitude, item.longitude) == (51.8405, 5.8794)  # centre of 6522AA
    assert item.state == State.OPEN
    assert timedelta(days=29) < item.expires_at - timezone.now() <= timedelta(days=30)
    for variant in (stored.large, stored.medium, stored.thumb):
        with Image.open(variant.path) as image:
            assert not image.getexif() and not image.info.get("exif")
    page = client.get(response["Location"]).content.decode()
    assert "Boormachine te leen" in page and "<strong>Graag</strong>" in page
    assert stored.medium.url in page and "Blauwe boormachine in een koffer" in page
    assert "Uitlenen" in page and "Javastraat" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"deal": ""}, "deal", "Kies of je het weggeeft, uitleent of verkoopt."),
        ({"category": "cooking"}, "category", "Deze categorie past niet bij waar het over gaat."),
        ({"price": "12,50"}, "price", "Een prijs is alleen voor spullen die je verkoopt."),
        ({"deal": "sell", "price": "-3"}, "price", "Het bedrag moet meer dan 0 zijn."),
        ({"deal": "sell", "price": "twee euro"}, "price", "Schrijf een bedrag in euro"),
        ({"title": "   "}, "title", "Schrijf een titel."),
        (
            {"available_from": "2026-12-10", "available_until": "2026-12-01"},
            "available_until",
            "Deze datum ligt voor de begindatum.",
        ),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, nb, anna, change, field, message
):
    client.force_login(anna)
    response = client.post(url(nb, "new/"), {**DRILL, **change})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    assert message in page
    assert DRILL["description"].replace("**", "") in page.replace("**", "")
    with scope(neighbourhood=nb):
        assert not Item.objects.exists()


def test_a_sold_thing_with_a_dutch_price_shows_in_dutch_and_english(client, nb, anna):
    client.force_login(anna)
    response = client.post(
        url(nb, "new/"),
        {
            **DRILL,
            "deal": "sell",
            "price": "1.250,5",
            "title": "Bakfiets te koop",
            "category": "bikes",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "€\xa01.250,50" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(response["Location"]).content.decode()
    assert "€\xa01,250.50" in page and "Sell" in page


def titles(client, path, **params):
    page = client.get(path, params).content.decode()
    return re.findall(r'id="xc-title-\d+"><a href="[^"]+">([^<]+)</a>', page)


def test_filters_by_kind_category_direction_and_distance(client, nb, anna, bram):
    with scopes_disabled():
        actions_kwargs = {"neighbourhood": nb}
        actions.item_create(
            owner=anna,
            direction="offer",
            kind="things",
            category="tools",
            deal="lend",
            title="Boormachine",
            **actions_kwargs,
        )
        actions.item_create(
            owner=anna,
            direction="offer",
            kind="things",
            category="furniture",
            deal="give",
            title="Kast",
            **actions_kwargs,
        )
        actions.item_create(
            owner=bram,
            direction="request",
            kind="contacts",
            category="company",
            title="Wie wandelt er mee?",
            **actions_kwargs,
        )
        far = member(nb, first_name="Ver")
        from buurtplein.core.models import Membership

        Membership.objects.filter(user=far).update(postcode="6522CC")
        actions.item_create(
            owner=far,
            direction="offer",
            kind="things",
            category="tools",
            deal="give",
            title="Hamer",
            **actions_kwargs,
        )
    client.force_login(bram)
    assert titles(client, url(nb)) == ["Hamer", "Wie wandelt er mee?", "Kast", "Boormachine"]
    assert titles(client, url(nb), kind="things", category="tools") == ["Hamer", "Boormachine"]
    assert titles(client, url(nb), direction="request") == ["Wie wandelt er mee?"]
    # Anna lives ~800 m from Bram, "Ver" ~2.2 km.
    assert titles(client, url(nb), kind="things", within="1000") == ["Kast", "Boormachine"]
    assert titles(client, url(nb), within="500") == ["Wie wandelt er mee?"]
    page = client.get(url(nb), {"kind": "things", "category": "tools"}).content.decode()
    assert "800 m van je" in page
    # A category of another kind is ignored rather than showing nothing.
    assert "Boormachine" in titles(client, url(nb), kind="things", category="company")
    assert client.get(url(nb), {"within": "abc", "kind": "x", "after": "%%"}).status_code == 200


def test_pages_follow_each_other_with_filters_kept(client, nb, anna, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 3
    now = timezone.now()
    for i in range(8):
        ItemFactory(
            neighbourhood=nb,
            owner=anna,
            title=f"Gereedschap {i:02d}",
            created_at=now - timedelta(minutes=i),
        )
        ItemFactory(
            neighbourhood=nb,
            owner=anna,
            kind="knowledge",
            category="cooking",
            deal="",
            title=f"Kookles {i:02d}",
            created_at=now - timedelta(minutes=i, seconds=30),
        )
    client.force_login(anna)
    seen, path = [], url(nb) + "?kind=things&category=tools"
    while path:
        page = client.get(path).content.decode()
        seen += re.findall(r"Gereedschap \d\d|Kookles \d\d", page)
        more = re.search(r'id="xc-more"><a class="[^"]+" href="([^"]+)"', page)
        path = more.group(1).replace("&amp;", "&") if more else None
        assert path is None or "category=tools" in path
    assert seen == [f"Gereedschap {i:02d}" for i in range(8)]


def test_visitors_see_only_public_items_and_a_neutral_preview(client, nb, other_nb, anna):
    secret = ItemFactory(neighbourhood=nb, owner=anna, title="Alleen voor buren")
    ItemFactory(neighbourhood=nb, owner=anna, title="Voor iedereen", visibility=Visibility.PUBLIC)
    ItemFactory(neighbourhood=other_nb, title="Andere buurt", visibility=Visibility.PUBLIC)
    page = client.get(url(nb)).content.decode()
    assert "Voor iedereen" in page and "Alleen voor buren" not in page
    assert "Andere buurt" not in page
    preview = client.get(url(nb, f"{secret.pk}/")).content.decode()
    assert "Alleen voor buren" not in preview and "alleen voor buren" in preview.lower()
    client.force_login(member(other_nb))
    assert client.get(url(other_nb, f"{secret.pk}/")).status_code == 404
    assert "Alleen voor buren" not in client.get(url(nb)).content.decode()
    client.force_login(anna)
    assert "Alleen voor buren" in client.get(url(nb)).content.decode()


def reply(client, nb, item, text="Mag ik hem zaterdag lenen?"):
    return client.post(url(nb, f"{item.pk}/reply/"), {"text": text})


def test_reply_opens_a_private_conversation_then_arranged_and_thanks_both_ways(
    client, nb, anna, bram, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        item = actions.item_create(
            owner=anna,
            neighbourhood=nb,
            direction="offer",
            kind="things",
            category="tools",
            deal="lend",
            title="Boormachine",
        )
    client.force_login(bram)
    page = client.get(url(nb, f"{item.pk}/")).content.decode()
    assert "Stuur Anna D. een bericht" in page
    response = reply(client, nb, item)
    assert response.status_code == 302
    assert "/messages/" in response["Location"]
    assert "Mag ik hem zaterdag lenen?" in client.get(response["Location"]).content.decode()
    # Bram cannot close Anna's offer.
    assert client.get(url(nb, f"{item.pk}/done/")).status_code == 403

    client.force_login(anna)
    page = client.get(url(nb, f"{item.pk}/")).content.decode()
    assert "Gesprek met Bram J." in page  # the owner finds the replies on the offer
    form = client.get(url(nb, f"{item.pk}/done/")).content.decode()
    assert "Bram J." in form and "Iemand anders" in form
    response = client.post(url(nb, f"{item.pk}/done/"), {"with_whom": str(bram.pk)})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        item.refresh_from_db()
    assert item.state == State.DONE and item.done_with == bram
    page = client.get(url(nb, f"{item.pk}/")).content.decode()
    assert "Geregeld met Bram J.<" in page  # the name's full stop ends the sentence

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"{item.pk}/thank/"), {"text": "Dank je Bram, netjes teruggebracht!"})
    client.force_login(bram)
    client.post(url(nb, f"{item.pk}/thank/"), {"text": "Top boor, dank je Anna!"})
    # Once each.
    client.post(url(nb, f"{item.pk}/thank/"), {"text": "Nog een keer"})
    page = client.get(url(nb, f"{item.pk}/")).content.decode()
    assert "Dank je Bram, netjes teruggebracht!" in page and "Top boor, dank je Anna!" in page
    assert "Nog een keer" not in page
    with scope(neighbourhood=nb):
        item.refresh_from_db()
        assert Thanks.objects.filter(item=item).count() == 2
    assert item.thanks_count == 2
    client.force_login(anna)
    assert "2 bedankjes" in client.get(url(nb, "mine/")).content.decode()
    # The thank-you reaches the other side by e-mail.
    thanked = [m for m in mail.outbox if m.to == [bram.email]]
    assert thanked and "Anna" in thanked[0].subject and "netjes teruggebracht" in thanked[0].body


def test_a_stranger_cannot_thank_and_an_empty_thanks_is_refused(client, nb, anna, bram):
    item = ItemFactory(neighbourhood=nb, owner=anna, state=State.DONE, done_with=bram)
    client.force_login(member(nb))
    assert client.post(url(nb, f"{item.pk}/thank/"), {"text": "Hoi"}).status_code == 403
    client.force_login(bram)
    response = client.post(url(nb, f"{item.pk}/thank/"), {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf een kort bedankje." in response.content.decode()


def test_a_blocked_member_cannot_reply(client, nb, anna, bram):
    from buurtplein.messaging.models import Block

    item = ItemFactory(neighbourhood=nb, owner=anna)
    with scopes_disabled():
        Block.objects.create(blocker=anna, blocked=bram)
    client.force_login(bram)
    response = reply(client, nb, item, text="Mijn tekst blijft staan")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn tekst blijft staan" in page
    assert 'class="form-errors"' in page


def test_arranged_with_someone_who_did_not_reply_is_refused(client, nb, anna, bram):
    item = ItemFactory(neighbourhood=nb, owner=anna)
    client.force_login(anna)
    response = client.post(url(nb, f"{item.pk}/done/"), {"with_whom": str(bram.pk)})
    assert response.status_code == 400
    response = client.post(url(nb, f"{item.pk}/done/"), {"with_whom": "other"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        item.refresh_from_db()
    assert item.state == State.DONE and item.done_with is None


def test_reminder_once_three_days_before_then_expired_and_renewed_in_one_click(
    client, nb, anna, django_capture_on_commit_callbacks
):
    now = timezone.now()
    item = ItemFactory(
        neighbourhood=nb, owner=anna, title="Ladder", expires_at=now + timedelta(days=2)
    )
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert actions.expire_and_remind(neighbourhood=nb) == {"expired": 0, "reminded": 1}
        assert actions.expire_and_remind(neighbourhood=nb) == {"expired": 0, "reminded": 0}
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Ladder" in mail.outbox[0].subject
    renew_path = f"/b/{nb.slug}/exchange/{item.pk}/renew/"
    assert renew_path in body

    with scope(neighbourhood=nb):
        assert actions.expire_and_remind(neighbourhood=nb, now=now + timedelta(days=3)) == {
            "expired": 1,
            "reminded": 0,
        }
    client.force_login(anna)
    assert "Ladder" not in client.get(url(nb)).content.decode()
    # The link from the e-mail shows a button; opening it changes nothing.
    page = client.get(renew_path).content.decode()
    assert "Verlengen met 30 dagen" in page
    with scope(neighbourhood=nb):
        item.refresh_from_db()
    assert item.state == State.EXPIRED
    client.post(renew_path)
    with scope(neighbourhood=nb):
        item.refresh_from_db()
    assert item.state == State.OPEN and item.reminder_sent_at is None
    assert item.expires_at > timezone.now() + timedelta(days=29)
    assert "Ladder" in client.get(url(nb)).content.decode()


def test_the_planned_task_checks_whether_it_is_due(nb, anna):
    from buurtplein.exchange import tasks

    item = ItemFactory(neighbourhood=nb, owner=anna)
    assert tasks.check_item.call(item.pk) == ""  # not due: nothing happens
    with scopes_disabled():
        Item.objects.filter(pk=item.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.check_item.call(item.pk) == "expired"
    assert tasks.check_item.call(item.pk) == ""


def test_management_command_expires_and_reminds_everywhere(
    nb, other_nb, anna, capsys, django_capture_on_commit_callbacks
):
    now = timezone.now()
    ItemFactory(neighbourhood=nb, owner=anna, expires_at=now - timedelta(hours=1))
    ItemFactory(neighbourhood=other_nb, expires_at=now + timedelta(days=1))
    call_command("exchange_expire", "--dry-run")
    assert "Would do: 1 expired, 1 reminded" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("exchange_expire")
    assert "Done: 1 expired, 1 reminded" in capsys.readouterr().out
    call_command("exchange_expire")
    assert "Done: 0 expired, 0 reminded" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_owner_withdraws_connector_removes_with_an_audit_entry(client, nb, anna, bram, connector):
    mine = ItemFactory(neighbourhood=nb, owner=anna, title="Mijn kast")
    theirs = ItemFactory(neighbourhood=nb, owner=bram, title="Verkeerd bericht")
    client.force_login(bram)
    assert client.post(url(nb, f"{mine.pk}/withdraw/")).status_code == 403
    client.force_login(anna)
    assert client.post(url(nb, f"{mine.pk}/withdraw/")).status_code == 302
    client.force_login(connector)
    assert client.post(url(nb, f"{theirs.pk}/withdraw/")).status_code == 302
    with scope(neighbourhood=nb):
        assert Item.objects.get(pk=mine.pk).state == State.WITHDRAWN
        assert Item.objects.get(pk=theirs.pk).state == State.REMOVED
    with scopes_disabled():
        entries = list(AuditEntry.objects.values_list("action", "actor_id"))
    assert entries == [("exchange.item.remove", connector.pk)]
    page = client.get(url(nb)).content.decode()
    assert "Mijn kast" not in page and "Verkeerd bericht" not in page
    assert client.get(url(nb, f"{theirs.pk}/")).status_code == 404


def test_edit_changes_the_item_but_not_its_kind(client, nb, anna):
    item = ItemFactory(neighbourhood=nb, owner=anna, title="Boormachine")
    client.force_login(anna)
    response = client.post(
        url(nb, f"{item.pk}/edit/"),
        {**DRILL, "kind": "money", "title": "Boormachine met boren", "deal": "give"},
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        item.refresh_from_db()
    assert (item.title, item.kind, item.deal) == ("Boormachine met boren", "things", "give")
    assert item.edited_at is not None


def test_an_organisation_offers_and_its_staff_manage_it(client, nb, anna, bram, business):
    business.staff.add(anna, bram)
    client.force_login(anna)
    response = client.post(
        url(nb, "new/"),
        {
            **DRILL,
            "kind": "knowledge",
            "category": "repairs",
            "deal": "",
            "title": "Gratis fietscheck voor ouderen",
            "organisation": str(business.pk),
        },
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        item = Item.objects.get()
    assert item.organisation == business
    page = client.get(url(nb)).content.decode()
    assert "Fietsenmaker Jansen" in page
    client.force_login(bram)  # a colleague
    assert client.get(url(nb, f"{item.pk}/edit/")).status_code == 200
    outsider = member(nb)
    client.force_login(outsider)
    assert client.get(url(nb, f"{item.pk}/edit/")).status_code == 403
    # Someone outside the business cannot offer in its name: it is theirs, not the business's.
    client.post(url(nb, "new/"), {**DRILL, "title": "Eigen boor", "organisation": str(business.pk)})
    with scope(neighbourhood=nb):
        assert Item.objects.get(title="Eigen boor").organisation is None


def test_the_neighbourhood_home_shows_the_newest_items(client, nb, anna):
    ItemFactory(neighbourhood=nb, owner=anna, title="Kinderfiets")
    client.force_login(anna)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Vraag & aanbod" in page and "Kinderfiets" in page


def test_english_page(client, nb, anna):
    item = ItemFactory(neighbourhood=nb, owner=anna, title="Boormachine")
    client.force_login(anna)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url(nb, f"{item.pk}/")).content.decode()
    assert "Offer" in page and "Lend" in page and "Mark as arranged" in page
    # The navigation's label, escaped in the HTML (the browser shows "Offers & requests").
    assert "Offers &amp; requests" in page


def test_choosing_the_kind_first_shows_only_the_fields_that_fit(client, nb, anna):
    client.force_login(anna)
    things = client.get(url(nb, "new/"), {"kind": "things"}).content.decode()
    assert "Alleen voor spullen" in things and "Alleen voor steun aan een initiatief" not in things
    money = client.get(url(nb, "new/"), {"kind": "money"}).content.decode()
    assert "Alleen voor spullen" not in money and "Alleen voor steun aan een initiatief" in money
    everything = client.get(url(nb, "new/")).content.decode()
    assert "Alleen voor spullen" in everything and "Alleen voor steun" in everything


def test_more_with_htmx_returns_only_the_next_cards(client, nb, anna, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 2
    for i in range(5):
        ItemFactory(
            neighbourhood=nb,
            owner=anna,
            title=f"Spul {i}",
            created_at=timezone.now() - timedelta(minutes=i),
        )
    client.force_login(anna)
    first = client.get(url(nb), {"kind": "things"}).content.decode()
    cursor = re.search(r"after=([^&\"]+)", first).group(1)
    part = client.get(url(nb), {"after": cursor, "kind": "things"}, headers={"HX-Request": "true"})
    html = part.content.decode()
    assert "<html" not in html and "Spul 2" in html and "Spul 3" in html and "Spul 1" not in html
    assert "kind=things" in html  # the next "more" keeps the filter


def test_recently_arranged_shows_the_thank_yous_on_the_cards(client, nb, anna, bram):
    ItemFactory(neighbourhood=nb, owner=anna, title="Nog open")
    ItemFactory(
        neighbourhood=nb,
        owner=anna,
        title="Ladder geleend",
        state=State.DONE,
        done_with=bram,
        thanks_count=2,
    )
    client.force_login(bram)
    assert titles(client, url(nb)) == ["Nog open"]
    page = client.get(url(nb), {"arranged": "1"}).content.decode()
    assert "Ladder geleend" in page and "Nog open" not in page and "2 bedankjes" in page


def test_distance_filter_without_a_known_place_shows_everything(client, nb, anna):
    ItemFactory(neighbourhood=nb, owner=anna, title="Ergens", latitude=51.9, longitude=5.9)
    client.force_login(member(nb))  # no postcode
    response = client.get(url(nb), {"within": "500"})
    assert "Ergens" in response.content.decode()
    assert response.context["filters"].within_m is None


def test_a_neighbour_reports_an_item_to_the_buurtverbinders(client, nb, anna, bram):
    from buurtplein.moderation.models import Report

    item = ItemFactory(neighbourhood=nb, owner=anna, title="Vreemd aanbod")
    client.force_login(bram)
    assert "Melden" in client.get(url(nb, f"{item.pk}/")).content.decode()
    response = client.post(url(nb, f"{item.pk}/report/"), {"reason": "spam", "note": "Reclame"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        report = Report.objects.get()
    assert report.target == item and report.reporter == bram
    assert client.post(url(nb, f"{item.pk}/report/"), {}).status_code == 400
    client.force_login(anna)  # not your own
    assert client.get(url(nb, f"{item.pk}/report/")).status_code == 403


def test_the_home_block_is_fresh_after_every_change(client, nb, anna, bram):
    client.force_login(bram)
    assert "Kinderfiets" not in client.get(f"/b/{nb.slug}/").content.decode()
    with scopes_disabled():
        item = actions.item_create(
            owner=anna,
            neighbourhood=nb,
            direction="offer",
            kind="things",
            category="children",
            deal="give",
            title="Kinderfiets",
        )
    assert "Kinderfiets" in client.get(f"/b/{nb.slug}/").content.decode()
    with scopes_disabled():
        actions.item_withdraw(actor=anna, item=item, may_manage=True)
    assert "Kinderfiets" not in client.get(f"/b/{nb.slug}/").content.decode()


def more_options(page: str) -> str:
    """The opening tag of "Meer opties" on the new-item form."""
    return re.search(r'<details class="xc-more"[^>]*>', page).group(0)


def test_the_form_asks_what_matters_first_and_folds_the_rest(client, nb, anna):
    client.force_login(anna)
    page = client.get(url(nb, "new/"), {"kind": "things"}).content.decode()
    assert " open" not in more_options(page)
    folded = page[page.index('<details class="xc-more"') :]
    assert 'name="area"' in folded and 'name="visibility"' in folded
    assert 'name="title"' not in folded and 'name="photos"' not in folded
    assert 'name="deal"' not in folded  # things: whether it is lent, given or sold is asked


def test_an_error_in_the_folded_part_opens_it_and_keeps_what_was_typed(client, nb, anna):
    client.force_login(anna)
    response = client.post(
        url(nb, "new/"),
        {**DRILL, "available_from": "2026-12-20", "available_until": "2026-12-10"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert " open" in more_options(page)
    assert 'value="2026-12-20"' in page and 'value="Javastraat"' in page
    assert 'value="Boormachine te leen"' in page
    # An error outside the folded part leaves it folded, with everything still in the form.
    response = client.post(url(nb, "new/"), {**DRILL, "title": ""})
    page = response.content.decode()
    assert " open" not in more_options(page)
    assert 'value="Javastraat"' in page


def test_changing_an_item_opens_the_folded_part_when_it_holds_something(client, nb, anna):
    plain = ItemFactory(neighbourhood=nb, owner=anna, title="Boormachine", area="")
    placed = ItemFactory(neighbourhood=nb, owner=anna, title="Ladder", area="Javastraat")
    client.force_login(anna)
    assert " open" not in more_options(client.get(url(nb, f"{plain.pk}/edit/")).content.decode())
    assert " open" in more_options(client.get(url(nb, f"{placed.pk}/edit/")).content.decode())
