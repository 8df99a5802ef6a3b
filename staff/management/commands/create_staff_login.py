import sys
from getpass import getpass

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .setup_roles import roles


def role_named(value):
    """A role by its name, in any case, with hyphens for spaces: "Clinic manager", "clinic-manager"."""
    wanted = value.replace("-", " ").strip().lower()
    for name in roles():
        if name.lower() == wanted:
            return name
    raise CommandError(f"No role “{value}”. The roles are: {', '.join(roles())}.")


class Command(BaseCommand):
    help = (
        "Create a staff login (its username is the email address) with one or more roles, e.g. "
        "create_staff_login owner@example.com --role clinic-manager --role clinical-reviewer. At a "
        "terminal it asks for the password; otherwise, or with --no-input, it prints a one-time "
        "link where the person chooses their own. A password is never printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--role",
            action="append",
            required=True,
            help="A role to give: Clinic manager, Content editor, Clinical reviewer or Front desk. Repeat for more.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for a password; print a link to set one.",
        )

    def handle(self, *args, email, role, interactive, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"“{email}” is not an email address.") from error
        call_command("setup_roles", verbosity=0)
        names = [role_named(value) for value in role]
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                username=email, defaults={"email": email, "is_staff": True}
            )
            if created:
                user.set_unusable_password()
            user.is_staff = True
            user.save()
            user.groups.add(*Group.objects.filter(name__in=names))
        self.stdout.write(
            f"{'Created' if created else 'Updated'} the staff login {email} with the role"
            f"{'s' if len(names) != 1 else ''} {', '.join(names)}."
        )
        if interactive and sys.stdin.isatty():
            self._ask_for_password(user)
        else:
            self._print_link(user)

    def _ask_for_password(self, user):
        while True:
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write("Password set. They sign in at /admin/ with their email address.")
            return

    def _print_link(self, user):
        path = reverse(
            "staff:set_password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        days = settings.PASSWORD_RESET_TIMEOUT // 86400
        self.stdout.write(
            f"Send them this link to choose their password (it works once, for {days} days):\n"
            f"{settings.SITE_URL}{path}"
        )
