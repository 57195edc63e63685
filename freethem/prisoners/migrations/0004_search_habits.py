"""The search index learns visitors' habits: g for ق and غ, "th" for t, compound given names
joined, split or hyphenated, and each name word as spelled (the new kind WORD, for ranking).

The keys of every person change, so every person's index rows are rebuilt here with the rules
of freethem.prisoners.search as they are when the migration runs.
"""

from django.db import migrations, models


def reindex(apps, schema_editor) -> None:
    from freethem.prisoners.search import index_people

    Person = apps.get_model("prisoners", "Person")
    index_people(Person.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0003_source_title_fa_status_event")]

    operations = [
        migrations.AlterField(
            model_name="searchterm",
            name="kind",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (1, "exact name"),
                    (2, "name word"),
                    (3, "summary word"),
                    (4, "name word as spelled"),
                ]
            ),
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
    ]
