"""Keys ready for distribution by neighbourhood (docs/scaling.md).

* The helper profile's skills and interests get through models of their own (``HelperSkill``,
  ``HelperInterest``) on the tables Django made for them, which keep their rows: first the
  models are only declared (state), then the neighbourhood column is added, filled from the
  profile, made required, and the unique key becomes (neighbourhood, profile, interest).
* The match and follow-up unique keys lead with the neighbourhood.
"""

import django.db.models.deletion
from django.db import migrations, models

THROUGH = {
    "helperskill": "buurthulp_helperprofile_skills",
    "helperinterest": "buurthulp_helperprofile_interests",
}


def fill_neighbourhood(apps, schema_editor):
    """Every row gets the neighbourhood of its helper profile (one UPDATE per table)."""
    HelperProfile = apps.get_model("buurthulp", "HelperProfile")
    for name in THROUGH:
        through = apps.get_model("buurthulp", name)
        through.objects.update(
            neighbourhood_id=models.Subquery(
                HelperProfile.objects.filter(pk=models.OuterRef("helperprofile_id")).values(
                    "neighbourhood_id"
                )[:1]
            )
        )


def through_model(name, table):
    return migrations.CreateModel(
        name=name,
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("helperprofile", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="buurthulp.helperprofile")),
            ("interest", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.interest")),
        ],
        # What the automatic through table has in the database already.
        options={"db_table": table, "unique_together": {("helperprofile", "interest")}},
    )


class Migration(migrations.Migration):

    dependencies = [
        ("buurthulp", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                through_model("HelperSkill", THROUGH["helperskill"]),
                through_model("HelperInterest", THROUGH["helperinterest"]),
                migrations.AlterField(
                    model_name="helperprofile",
                    name="skills",
                    field=models.ManyToManyField(blank=True, limit_choices_to={"kind": "skill"}, related_name="+", through="buurthulp.HelperSkill", to="accounts.interest", verbose_name="I can help with"),
                ),
                migrations.AlterField(
                    model_name="helperprofile",
                    name="interests",
                    field=models.ManyToManyField(blank=True, limit_choices_to={"kind": "interest"}, related_name="+", through="buurthulp.HelperInterest", to="accounts.interest", verbose_name="I like"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="helperskill",
            name="neighbourhood",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.neighbourhood"),
        ),
        migrations.AddField(
            model_name="helperinterest",
            name="neighbourhood",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.neighbourhood"),
        ),
        migrations.RunPython(fill_neighbourhood, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="helperskill",
            name="neighbourhood",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.neighbourhood"),
        ),
        migrations.AlterField(
            model_name="helperinterest",
            name="neighbourhood",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.neighbourhood"),
        ),
        migrations.AlterUniqueTogether(name="helperskill", unique_together=set()),
        migrations.AlterUniqueTogether(name="helperinterest", unique_together=set()),
        migrations.AddConstraint(
            model_name="helperskill",
            constraint=models.UniqueConstraint(fields=("neighbourhood", "helperprofile", "interest"), name="helper_one_skill"),
        ),
        migrations.AddConstraint(
            model_name="helperinterest",
            constraint=models.UniqueConstraint(fields=("neighbourhood", "helperprofile", "interest"), name="helper_one_interest"),
        ),
        migrations.RemoveConstraint(model_name="helpmatch", name="one_match_per_helper"),
        migrations.AddConstraint(
            model_name="helpmatch",
            constraint=models.UniqueConstraint(fields=("neighbourhood", "request", "helper"), name="one_match_per_helper"),
        ),
        migrations.RemoveConstraint(model_name="helpfollowup", name="one_follow_up_per_person"),
        migrations.AddConstraint(
            model_name="helpfollowup",
            constraint=models.UniqueConstraint(fields=("neighbourhood", "request", "person"), name="one_follow_up_per_person"),
        ),
    ]
