"""Allow rules for large email providers: the per-domain limit is meant for small domains (an
attacker's own), not for the providers most real signers use. Organisers may delete them."""

from django.db import migrations

LARGE_PROVIDERS = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "hotmail.co.uk",
    "yahoo.co.uk",
    "outlook.de",
    "hotmail.de",
    "hotmail.fr",
    "yahoo.fr",
    "orange.fr",
    "free.fr",
    "libero.it",
    "t-online.de",
]
NOTE = "Large email provider: exempt from the per-domain limit."


def add(apps, schema_editor):
    Rule = apps.get_model("appeals", "Rule")
    for domain in LARGE_PROVIDERS:
        Rule.objects.get_or_create(
            kind="domain", value=domain, defaults={"action": "allow", "note": NOTE}
        )


def remove(apps, schema_editor):
    Rule = apps.get_model("appeals", "Rule")
    Rule.objects.filter(kind="domain", value__in=LARGE_PROVIDERS, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
