"""An index for the public list: published records latest first, then by town, so that its
first and its deepest pages are read from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('prisoners', '0005_case_arrested_person'),
        ('protests', '0003_acled_columns'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='protest',
            index=models.Index(fields=['state', '-date', 'location', 'id'], name='protest_public_order'),
        ),
    ]
