from django.conf import settings
from django.db import migrations


def profile_from_settings(apps, schema_editor):
    """The CLINIC_* settings fill the profile once, when the site is first set up; from then on
    it is edited in the admin."""
    defaults = settings.CLINIC
    apps.get_model("clinic", "ClinicProfile").objects.get_or_create(
        pk=1,
        defaults={
            "name": defaults["name"],
            "email_name": defaults["email_name"],
            "phone": defaults["phone"],
            "email": defaults["email"],
            "street_address": defaults["address"],
            "emergency_number": defaults["emergency_number"],
            "intro_calls_by": defaults["intro_calls_by"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0001_initial")]
    operations = [migrations.RunPython(profile_from_settings, migrations.RunPython.noop)]
