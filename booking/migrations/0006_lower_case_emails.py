from django.db import migrations
from django.db.models.functions import Lower


def lower_case_emails(apps, schema_editor):
    """Addresses are kept in lower case, so limits and lookups see one address whatever its case."""
    apps.get_model("booking", "BookingRequest").objects.update(email=Lower("email"))


class Migration(migrations.Migration):
    dependencies = [("booking", "0005_booking_request_call_cancelled")]

    operations = [migrations.RunPython(lower_case_emails, migrations.RunPython.noop)]
