from django.db import migrations
from django.db.models import F


def lower_case_emails(apps, schema_editor):
    """Addresses are kept in lower case. Where one address was signed up in several cases, the
    confirmed (else the earliest) sign-up stays and the others go."""
    Subscriber = apps.get_model("newsletter", "Subscriber")
    kept = {}
    for subscriber in Subscriber.objects.order_by(F("confirmed_at").asc(nulls_last=True), "pk"):
        address = subscriber.email.lower()
        if address in kept:
            subscriber.delete()
            continue
        kept[address] = subscriber
    for address, subscriber in kept.items():
        if subscriber.email != address:
            Subscriber.objects.filter(pk=subscriber.pk).update(email=address)


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial")]

    operations = [migrations.RunPython(lower_case_emails, migrations.RunPython.noop)]
