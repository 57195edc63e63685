"""On PostgreSQL the search keys compare byte by byte (collation "C").

A prefix is looked up as the range [key, next key), where the next key is the key with its
last character's code point raised by one. That range holds exactly the keys with that prefix
only when keys sort by code point. SQLite always compares text that way; PostgreSQL sorts by
the database's collation, and a language collation such as en_US.UTF-8 orders Persian letters
(گ, پ, چ, ژ) away from their code points, so Persian prefixes would miss people.
"""

from django.db import migrations

TABLE = "prisoners_searchterm"


def bytewise(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN term TYPE varchar(200) COLLATE "C"')


def by_database_collation(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN term TYPE varchar(200) COLLATE \"default\"")


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0001_initial")]

    operations = [migrations.RunPython(bytewise, by_database_collation, elidable=False)]
