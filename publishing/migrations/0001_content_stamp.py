from django.db import migrations, models


class Migration(migrations.Migration):
    """ContentStamp moved here from the project package; its table stays as it was."""

    initial = True

    dependencies = [("hipcare", "0001_content_stamp")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentStamp",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("generation", models.PositiveBigIntegerField(default=0)),
                        (
                            "next_publication",
                            models.BigIntegerField(
                                help_text="When the next scheduled page goes live, in Unix seconds.", null=True
                            ),
                        ),
                    ],
                    options={"db_table": "hipcare_contentstamp"},
                ),
            ],
            database_operations=[],
        ),
    ]
