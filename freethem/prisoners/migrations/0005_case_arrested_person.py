"""An index on (arrest date, person) for years of arrest: the list's year filter and a year
typed in the search box read the people of a range of dates from it alone. It covers what the
index on the arrest date alone did, which goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0004_search_habits")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="arrested_on",
            field=models.DateField(blank=True, null=True, verbose_name="arrest date"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["arrested_on", "person"], name="case_arrested_person"),
        ),
    ]
