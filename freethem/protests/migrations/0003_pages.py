"""Indexes for the public pages: published records that stand on their own, by day (the list
and the figures per month) and by country and province (the figures per province and abroad)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('prisoners', '0005_case_arrested_person'),
        ('protests', '0002_participant_groups'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='protest',
            index=models.Index(condition=models.Q(('merged_into__isnull', True), ('state', 'published')), fields=['date', 'location'], name='protest_public_day'),
        ),
        migrations.AddIndex(
            model_name='protest',
            index=models.Index(condition=models.Q(('merged_into__isnull', True), ('state', 'published')), fields=['country', 'province', 'date'], name='protest_public_place'),
        ),
    ]
