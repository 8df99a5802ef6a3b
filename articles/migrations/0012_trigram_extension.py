"""PostgreSQL's trigram matching (pg_trgm), which search uses for near spellings. The operation
does nothing on other databases; SQLite's search compares spellings in Python instead."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_search_synonyms")]

    operations = [TrigramExtension()]
