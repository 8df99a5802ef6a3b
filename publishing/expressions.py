"""Query expressions the ORM does not have for every database we support."""

from django.db.models import Expression, F, JSONField, ManyToManyRel


class JSONRows(Expression):
    """Some columns of the rows related to each parent row, as one JSON list of objects read
    inside the parent's query: a page that shows a few related rows (topics, references) needs
    no query of its own for them.

    `model` holds the rows, `fields` are its fields to include (concrete, not relations:
    `exercise_id`, not `exercise`) and `parent` is its relation to the parent's model: a foreign
    key, or the other side of a many-to-many field the parent declares.

    Written by hand because the ORM cannot say it on both databases: Django has a JSON aggregate
    for PostgreSQL only. The SQL is built from the models' metadata, never from a request. The
    database may build the list in any order; sort it where order matters."""

    output_field = JSONField()

    def __init__(self, model, fields, parent):
        super().__init__()
        self.model, self.fields = model, tuple(fields)
        self.relation = model._meta.get_field(parent)
        self.parent_key = F("pk")

    def get_source_expressions(self):
        return [self.parent_key]

    def set_source_expressions(self, exprs):
        (self.parent_key,) = exprs

    def as_sql(self, compiler, connection):
        parent_key, params = compiler.compile(self.parent_key)
        quote = connection.ops.quote_name
        meta = self.model._meta
        # Own aliases, so that a parent of the same table is never shadowed inside.
        pairs = ", ".join(f"'{name}', json_row.{quote(meta.get_field(name).column)}" for name in self.fields)
        if connection.vendor == "postgresql":
            # As text, like the sqlite result, so that JSONField decodes both the same way.
            aggregate = f"COALESCE(json_agg(json_build_object({pairs})), '[]')::text"
        else:
            aggregate = f"json_group_array(json_object({pairs}))"
        # Names and columns come from the models, never from a request.
        rows = f"{quote(meta.db_table)} json_row WHERE {self._link(quote, parent_key)}"
        return f"(SELECT {aggregate} FROM {rows})", params  # noqa: S608

    def _link(self, quote, parent_key):
        """The condition tying a row to the parent row whose key is `parent_key`."""
        if not isinstance(self.relation, ManyToManyRel):
            return f"json_row.{quote(self.relation.column)} = {parent_key}"
        field = self.relation.field
        through = quote(field.remote_field.through._meta.db_table)
        rows_column, parent_column = quote(field.m2m_reverse_name()), quote(field.m2m_column_name())
        links = f"{through} json_link WHERE json_link.{parent_column} = {parent_key}"
        return (
            f"json_row.{quote(self.model._meta.pk.column)} IN (SELECT json_link.{rows_column} FROM {links})"  # noqa: S608
        )
