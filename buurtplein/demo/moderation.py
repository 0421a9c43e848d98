"""Demo data of the moderation queue: a few open reports in every neighbourhood, so the demo
buurtverbinder (and admin) find something in "Meldingen": a rude post reported by two
neighbours, an advert reported once, and a comment. Made through the actions, as a member
would (the reports alert the buurtverbinders, as they would)."""

from __future__ import annotations

from buurtplein.core.models import Membership, Role
from buurtplein.moderation.actions import report_create
from buurtplein.square import actions as square_actions

RUDE = (
    "Wie zet er elke avond die rotauto voor mijn inrit? Ik weet heus wel wie je bent, "
    "sukkel. Volgende keer prik ik je banden lek."
)
ADVERT = (
    "Zonnepanelen nu 40% goedkoper!! Alleen deze week. Bel of app 06-12345678 voor een "
    "gratis offerte. Ook voor je buren!"
)
COMMENT = "Dit is weer typisch zo'n zeurbericht. Verhuis dan gewoon."


def seed(neighbourhood, members, rng) -> None:
    roles = dict(Membership.objects.filter(user__in=members).values_list("user_id", "role"))
    people = sorted(
        (m for m in members if roles.get(m.pk) in (Role.RESIDENT, Role.PROFESSIONAL)),
        key=lambda m: m.pk,
    )
    if len(people) < 4:
        return
    writer, advertiser, *reporters = rng.sample(people, 4)
    commenter = advertiser
    rude = square_actions.post_create(
        author=writer, neighbourhood=neighbourhood, category="question", text=RUDE
    )
    advert = square_actions.post_create(
        author=advertiser, neighbourhood=neighbourhood, category="tip", text=ADVERT
    )
    comment = square_actions.comment_create(author=commenter, post=rude, text=COMMENT)
    report_create(
        reporter=reporters[0],
        target=rude,
        reason="rude",
        note="Dit is gewoon een dreigement. Daar voel ik me niet fijn bij.",
    )
    report_create(reporter=reporters[1], target=rude, reason="unsafe", note="")
    report_create(reporter=reporters[0], target=advert, reason="spam", note="Reclame.")
    report_create(reporter=reporters[1], target=comment, reason="rude", note="")
