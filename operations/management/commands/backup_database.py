import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

PG_GUIDANCE = (
    "This site runs on PostgreSQL: back it up with pg_dump, e.g. "
    'pg_dump --format=custom --file=hipcare-$(date +%F).dump "$DATABASE_URL", '
    'and restore with pg_restore --clean --dbname="$DATABASE_URL" hipcare-YYYY-MM-DD.dump.'
)


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to a backup file while the site keeps running (SQLite's online "
        "backup), then check the copy. On PostgreSQL, explains how to use pg_dump instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", nargs="?", help="File to write; default var/backups/hipcare-<time>.sqlite3"
        )

    def handle(self, *args, destination=None, **options):
        if connection.vendor != "sqlite":
            raise CommandError(PG_GUIDANCE)
        if connection.in_atomic_block:
            # SQLite's backup waits for open writes to finish, which would never happen here.
            raise CommandError("Run the backup outside a database transaction.")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(destination or settings.VAR_DIR / "backups" / f"hipcare-{stamp}.sqlite3")
        target.parent.mkdir(parents=True, exist_ok=True)
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise CommandError(f"The backup at {target} failed its integrity check: {verdict}")
        self.stdout.write(
            f"Backed up to {target} ({target.stat().st_size // 1024} KB); integrity check passed."
        )
