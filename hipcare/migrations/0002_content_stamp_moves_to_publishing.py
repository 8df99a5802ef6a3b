from django.db import migrations


class Migration(migrations.Migration):
    """ContentStamp now belongs to the publishing app, which keeps this table."""

    dependencies = [("hipcare", "0001_content_stamp"), ("publishing", "0001_content_stamp")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentStamp")],
            database_operations=[],
        ),
    ]
