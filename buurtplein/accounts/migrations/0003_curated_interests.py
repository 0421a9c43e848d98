"""The curated list of interests and skills people choose from (Dutch and English)."""

from django.db import migrations

INTERESTS = [
    ("gardening", "Tuinieren", "Gardening"),
    ("cooking", "Koken", "Cooking"),
    ("walking", "Wandelen", "Walking"),
    ("reading", "Lezen", "Reading"),
    ("music", "Muziek", "Music"),
    ("sports", "Sport", "Sports"),
    ("children", "Kinderen en gezin", "Children and family"),
    ("animals", "Dieren", "Animals"),
    ("cycling", "Fietsen", "Cycling"),
    ("bridge", "Bridge", "Bridge"),
    ("crafts", "Handwerken", "Needlework and crafts"),
    ("photography", "Fotografie", "Photography"),
    ("nature", "Natuur", "Nature"),
    ("history", "Geschiedenis", "History"),
    ("games", "Spelletjes", "Board and card games"),
    ("computers", "Computers", "Computers"),
    ("art", "Kunst en tekenen", "Art and drawing"),
    ("sustainability", "Duurzaamheid", "Sustainability"),
    ("languages", "Talen", "Languages"),
    ("film", "Film", "Film"),
    ("dancing", "Dansen", "Dancing"),
    ("coffee", "Samen koffie drinken", "Having coffee together"),
]

SKILLS = [
    ("diy", "Klussen", "Odd jobs and DIY"),
    ("computer-help", "Computerhulp", "Help with computers and phones"),
    ("shopping", "Boodschappen doen", "Doing groceries"),
    ("garden-care", "Tuinonderhoud", "Garden care"),
    ("dutch-practice", "Nederlands oefenen", "Practising Dutch"),
    ("paperwork", "Administratie en formulieren", "Paperwork and forms"),
    ("driving", "Vervoer en rijden", "Transport and driving"),
    ("cooking-for-others", "Koken voor anderen", "Cooking for others"),
    ("babysitting", "Oppassen", "Babysitting"),
    ("bike-repair", "Fietsreparatie", "Bike repair"),
    ("sewing", "Naaien en verstellen", "Sewing and mending"),
    ("company", "Gezelschap en een luisterend oor", "Company and a listening ear"),
    ("music-lessons", "Muziekles", "Music lessons"),
    ("tutoring", "Bijles", "Tutoring"),
    ("pet-care", "Op huisdieren passen", "Looking after pets"),
]


def forwards(apps, schema_editor):
    Interest = apps.get_model("accounts", "Interest")
    for kind, rows in (("interest", INTERESTS), ("skill", SKILLS)):
        for slug, nl, en in rows:
            Interest.objects.update_or_create(
                slug=slug, defaults={"kind": kind, "name_nl": nl, "name_en": en}
            )


def backwards(apps, schema_editor):
    Interest = apps.get_model("accounts", "Interest")
    Interest.objects.filter(slug__in=[r[0] for r in INTERESTS + SKILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
