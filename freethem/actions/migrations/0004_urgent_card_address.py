from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_volunteer_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="urgentaction",
            name="card_address",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Where cards reach the prisoner, if it is safe to publish. Left empty, the "
                    "card shows the prison's name and city from the prisoner's record."
                ),
                max_length=1000,
                verbose_name="postal address for cards",
            ),
        ),
    ]
