"""What stories hold about a person (data export) and forgetting them (account deletion).

* **Export**: the stories they told (with their photo files), the consents about them (every
  story or testimonial they appear in, the uses, until when, how it was given, withdrawn or
  not) and their recommendations.
* **Erase**: their consents are withdrawn and lose their name and quote, so every story they
  appear in leaves every page and report; the stories they told without an organisation go
  with their photos (an organisation's story stays with its organisation, without its
  author); their recommendations go (a cascade of the account too).
"""

from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.photos import EXPORT_FILES, export_name
from buurtplein.stories.models import Consent, Story, Testimonial


def export(user) -> dict:
    files = []
    with scopes_disabled():
        told = []
        for story in (
            Story.objects.filter(author=user)
            .select_related("neighbourhood", "organisation")
            .prefetch_related("photos")
            .order_by("created_at")
        ):
            photos = list(story.photos.all())
            files += [photo.large.name for photo in photos]
            told.append(
                {
                    "neighbourhood": story.neighbourhood.name,
                    "organisation": story.organisation.name if story.organisation else "",
                    "title": story.title,
                    "text": story.text,
                    "happened_on": story.happened_on.isoformat(),
                    "happened_until": (
                        story.happened_until.isoformat() if story.happened_until else None
                    ),
                    "state": story.state,
                    "photos": [export_name(photo.large) for photo in photos],
                    "created_at": story.created_at.isoformat(),
                }
            )
        about_you = [
            {
                "neighbourhood": c.neighbourhood.name,
                "story": c.story.title if c.story else "",
                "recommendation_of": c.testimonial.organisation.name if c.testimonial else "",
                "named": c.by_name,
                "in_photo": c.in_photo,
                "quote": c.quote,
                "uses": [str(use) for use in c.uses],
                "until": c.until.isoformat(),
                "how": c.how,
                "given_at": c.given_at.isoformat() if c.given_at else None,
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Consent.objects.filter(person=user)
            .select_related("neighbourhood", "story", "testimonial__organisation")
            .order_by("registered_at")
        ]
        recommendations = [
            {
                "neighbourhood": t.neighbourhood.name,
                "organisation": t.organisation.name,
                "text": t.text,
                "shown_as": t.shown_as,
                "created_at": t.created_at.isoformat(),
            }
            for t in Testimonial.objects.filter(person=user)
            .select_related("neighbourhood", "organisation")
            .order_by("created_at")
        ]
    return {
        "stories_you_told": told,
        "consents_about_you": about_you,
        "recommendations": recommendations,
        EXPORT_FILES: files,
    }


def erase(user) -> None:
    now = timezone.now()
    with scopes_disabled():
        Consent.objects.filter(person=user, withdrawn_at=None).update(withdrawn_at=now)
        Consent.objects.filter(person=user).update(person=None, name="—", quote="")
        # Photos (and their files) and consents go with them: cascade.
        Story.objects.filter(author=user, organisation__isnull=True).delete()
        Testimonial.objects.filter(person=user).delete()


def stats(neighbourhood) -> dict:
    with scopes_disabled():
        return {
            "stories": Story.objects.filter(neighbourhood=neighbourhood).count(),
            "testimonials": Testimonial.objects.filter(neighbourhood=neighbourhood).count(),
        }
