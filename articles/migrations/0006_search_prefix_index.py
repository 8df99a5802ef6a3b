"""Search matches each word by its beginning ("stretch" finds "stretches"). Without a prefix
index, SQLite's FTS5 answers that by merging every indexed word that starts so; with one, words
of two and three letters are looked up directly, which is most of what people type first."""

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

    operations = [migrations.RunPython(recreate(", prefix='2 3'"), recreate(""))]
