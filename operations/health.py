"""Whether this server can save as well as serve, for the health check load balancers probe."""

from django.apps import apps
from django.db import DatabaseError, connection, transaction

# The table whose lock a visitor's form waits on: the booking request every intro call starts as.
# By label, since this app imports no feature app.
FORM_TABLE_MODEL = "booking.BookingRequest"


def database_accepts_writes():
    """Whether a booking request could be saved now, waiting a second at most. Pages go on
    rendering while another process holds SQLite's write lock, or a lock on the requests table in
    PostgreSQL (a migration, a stuck session), but no form could be saved."""
    if connection.vendor == "sqlite":
        return sqlite_accepts_writes()
    if connection.vendor == "postgresql":
        return postgresql_accepts_writes()
    return True


def postgresql_accepts_writes():
    table = connection.ops.quote_name(apps.get_model(FORM_TABLE_MODEL)._meta.db_table)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '1s'")
            # The lock an INSERT takes; only a stronger one held elsewhere keeps it waiting.
            cursor.execute(f"LOCK TABLE {table} IN ROW EXCLUSIVE MODE")
            transaction.set_rollback(True)
        return True
    except DatabaseError:
        return False


def sqlite_accepts_writes():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        usual_wait = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout = 1000")
        try:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("ROLLBACK")
            return True
        except DatabaseError:
            return False
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual_wait)}")
