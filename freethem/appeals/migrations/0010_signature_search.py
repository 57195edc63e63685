"""The public list's search keys (freethem.appeals.search), for every confirmed signature that
shows a name, and an index for its country filter. On PostgreSQL the keys compare byte by byte (collation "C"), so that a prefix's
range [key, next key) holds exactly the keys that start with it (as in the case database's
prisoners 0002)."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "appeals_signaturesearchkey"
BATCH = 2000


def bytewise(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN key TYPE varchar(64) COLLATE "C"')


def index_existing(apps, schema_editor) -> None:
    from freethem.appeals.search import name_search_keys

    Signature = apps.get_model("appeals", "Signature")
    SignatureSearchKey = apps.get_model("appeals", "SignatureSearchKey")
    using = schema_editor.connection.alias
    shown = (
        Signature.objects.using(using)
        .filter(state="confirmed")
        .exclude(public_name="")
        .order_by("pk")
        .only("pk", "appeal_id", "public_name")
    )
    last = 0
    while batch := list(shown.filter(pk__gt=last)[:BATCH]):
        SignatureSearchKey.objects.using(using).bulk_create(
            SignatureSearchKey(appeal_id=s.appeal_id, signature_id=s.pk, key=key)
            for s in batch
            for key in sorted(name_search_keys(s.public_name))
        )
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0009_review"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignatureSearchKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=64)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="appeals.appeal",
                    ),
                ),
                (
                    "signature",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_keys",
                        to="appeals.signature",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["appeal", "key", "signature"], name="signature_search")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("signature", "key"), name="one_signature_key")
                ],
            },
        ),
        migrations.AddIndex(
            model_name="signature",
            index=models.Index(
                fields=["appeal", "country", "created_at"], name="signature_country"
            ),
        ),
        migrations.RunPython(bytewise, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(index_existing, migrations.RunPython.noop, elidable=False),
    ]
