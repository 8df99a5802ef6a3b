"""A full-text index for article search: SQLite FTS5 kept current by triggers, or a GIN index on
PostgreSQL. Both live in the database, so every way of writing an article keeps search right."""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        title, summary, body, content='articles_article', content_rowid='id', tokenize='porter unicode61')""",
    """CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END""",
    """CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END""",
    """CREATE TRIGGER articles_article_fts_update AFTER UPDATE OF title, summary, body ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO articles_article_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END""",
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TABLE IF EXISTS articles_article_fts",
]
POSTGRES_CREATE = [
    """CREATE INDEX articles_article_search ON articles_article USING GIN (
        to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || COALESCE(body, '')))"""
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS articles_article_search"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_alter_article_options_article_content_hash_and_more")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
