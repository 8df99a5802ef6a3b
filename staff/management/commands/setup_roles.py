from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

CONTENT = {
    "articles": ["article", "topic", "reference"],
    "exercises": ["exercise", "step", "bodyregion", "equipment"],
    "quizzes": ["quiz", "question", "answer", "outcome"],
    "staff": ["glossaryterm"],
    "clinic": ["page"],
}
FRONT_DESK = {
    "booking": (["bookingrequest"], ["view", "change"]),
    "scheduling": (["introcall"], ["view", "change"]),
    "newsletter": (["subscriber"], ["view", "delete"]),
    # Emails that could not be sent, to read and send again.
    "public_forms": (["queuedemail"], ["view", "change"]),
}
SCHEDULE = {"scheduling": ["availabilitywindow", "closeddate"]}
# The clinic's face: its profile (one record, never added or deleted), hours and team.
CLINIC_PROFILE = [
    ("clinic", ["clinicprofile"], ["view", "change"]),
    ("clinic", ["openinghours"], ["add", "change", "delete", "view"]),
    # The clinic's own pages (About us, Fees): health advice among them still needs a reviewer.
    ("clinic", ["page"], ["add", "change", "delete", "view"]),
    ("clinicians", ["clinician"], ["add", "change", "view"]),
    # The Insights page: counts of views and requests, nothing about anyone.
    ("insights", ["dailycount"], ["view"]),
]


def model_permissions(app_label, models, actions=("add", "change", "delete", "view")):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def roles():
    content = [p for app, models in CONTENT.items() for p in model_permissions(app, models)]
    content += model_permissions("clinicians", ["clinician"], ["view"])
    sign_off = list(Permission.objects.filter(codename="sign_off"))
    front_desk = [
        p for app, (models, actions) in FRONT_DESK.items() for p in model_permissions(app, models, actions)
    ]
    front_desk += [p for app, models in SCHEDULE.items() for p in model_permissions(app, models)]
    clinic_manager = [
        p for app, models, actions in CLINIC_PROFILE for p in model_permissions(app, models, actions)
    ]
    return {
        "Clinic manager": clinic_manager,
        "Content editor": content,
        "Clinical reviewer": content + sign_off,
        "Front desk": front_desk,
    }


class Command(BaseCommand):
    help = (
        "Create or refresh the staff groups (Clinic manager, Content editor, Clinical reviewer, Front desk). "
        "Safe to repeat."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for name, permissions in roles().items():
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            if options["verbosity"]:
                self.stdout.write(
                    f"{'Created' if created else 'Updated'} “{name}” with {len(permissions)} permissions."
                )
