"""Query expressions the ORM does not have for every database we support."""

from django.db.models import JSONField, Subquery


class JSONRows(Subquery):
    """The rows of a `values()` queryset as one JSON list of objects, read inside the parent's
    query: a page that shows a few related rows (topics, references) needs no query of its own
    for them. The names given to `values()` must be columns of the queryset's model.

    The database may build the list in any order; sort it where order matters."""

    output_field = JSONField()

    def __init__(self, queryset, **extra):
        # Unordered: the list's order is not kept anyway, and a model's default ordering can
        # add joins (ordering by a foreign key orders by the related model's ordering).
        super().__init__(queryset.order_by(), **extra)

    def as_sql(self, compiler, connection, template=None, **extra_context):
        rows_sql, params = super().as_sql(compiler, connection)
        quote = connection.ops.quote_name
        pairs = ", ".join(f"'{name}', entry.{quote(name)}" for name in self.query.values_select)
        if connection.vendor == "postgresql":
            # As text, like the sqlite result, so that JSONField decodes both the same way.
            aggregate = f"COALESCE(json_agg(json_build_object({pairs})), '[]')::text"
        else:
            aggregate = f"json_group_array(json_object({pairs}))"
        # Names and columns come from the code's values() call, never from a request.
        return f"(SELECT {aggregate} FROM {rows_sql} entry)", params  # noqa: S608
