"""Reports made before the queue get their ``author`` (who wrote the reported thing), so
"reported N times" counts them too. The author fields are named here, not read from the
registry, as a migration must not depend on code that may change; a component whose models
are not in the migration state (no reports about it can exist yet) is skipped."""

from django.db import migrations

AUTHOR_FIELDS = {
    ("square", "post"): "author",
    ("square", "comment"): "author",
    ("exchange", "item"): "owner",
    ("buurthulp", "helprequest"): "asker",
    ("agenda", "activity"): "organiser",
    ("clubs", "club"): "created_by",
    ("volunteering", "vacancy"): "posted_by",
    ("messaging", "message"): "author",
}


def backfill(apps, schema_editor):
    Report = apps.get_model("moderation", "Report")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model_name), field in AUTHOR_FIELDS.items():
        kind = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if kind is None:
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        authors = dict(
            model._base_manager.filter(
                pk__in=Report._base_manager.filter(
                    content_type=kind, author__isnull=True
                ).values("object_id")
            ).values_list("pk", f"{field}_id")
        )
        for report in Report._base_manager.filter(content_type=kind, author__isnull=True):
            if authors.get(report.object_id):
                report.author_id = authors[report.object_id]
                report.save(update_fields=["author"])


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_queue"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
