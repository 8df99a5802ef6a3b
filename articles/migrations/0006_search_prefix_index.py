"""Search matches each word by its beginning ("pelv" finds "pelvic"). Without a prefix index,
SQLite's FTS5 answers that by merging the entries of every indexed word that starts so, which
costs more the more articles hold them; with one, the first two to eight letters of a word are
looked up directly. Words are indexed by their stems, and nearly every stem is that short."""

from django.db import migrations

FTS_TABLE = """CREATE VIRTUAL TABLE articles_article_fts USING fts5(
    title, summary, body, content='articles_article', content_rowid='id', tokenize='porter unicode61'{prefix})"""
REBUILD = "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')"


def recreate(prefix):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return  # PostgreSQL's GIN index already serves prefix queries
        schema_editor.execute("DROP TABLE articles_article_fts")
        schema_editor.execute(FTS_TABLE.format(prefix=prefix))
        schema_editor.execute(REBUILD)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_published_index")]

    operations = [migrations.RunPython(recreate(", prefix='2 3 4 5 6 7 8'"), recreate(""))]
