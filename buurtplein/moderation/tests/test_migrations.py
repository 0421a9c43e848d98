"""Reports made before the queue get their author when the database is migrated (so "reported
N times" counts them)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(moderation):
    """Moderation at migration ``moderation``, every other app at its newest."""
    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "moderation"] + [
        ("moderation", moderation)
    ]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_reports_get_the_author_of_what_they_report():
    apps = migrate("0003_queue")
    try:
        get = apps.get_model
        nb = get("core", "Neighbourhood").objects.create(name="Oost", slug="oost")
        anna = get("accounts", "User").objects.create(email="anna@example.org", password="x")
        bram = get("accounts", "User").objects.create(email="bram@example.org", password="x")
        post = get("square", "Post").objects.create(
            neighbourhood=nb, author=bram, category="tip", text="Koop mijn spullen"
        )
        kind = get("contenttypes", "ContentType").objects.get_or_create(
            app_label="square", model="post"
        )[0]
        report = get("moderation", "Report").objects.create(
            neighbourhood=nb, reporter=anna, content_type=kind, object_id=post.pk, reason="spam"
        )
        apps = migrate("0004_report_author_backfill")
        assert apps.get_model("moderation", "Report").objects.get(pk=report.pk).author_id == (
            bram.pk
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
