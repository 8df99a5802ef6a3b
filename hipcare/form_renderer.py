"""Form widgets, with each plain `<input>` written in Python rather than through templates.

Django renders an input through three small templates: the widget's own, `input.html` and
`attrs.html`. For the two inputs of the newsletter signup that was about 8 % of a cold render of
an article. The markup is exactly those templates' (tests compare the two for every input type,
so a Django upgrade that changes them fails the suite), and every other widget still renders
through its template. Overriding one of the plain input templates has no effect while this
renderer is set.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Django's templates for these widgets only include django/forms/widgets/input.html.
PLAIN_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "input", "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
)  # fmt: skip


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in PLAIN_INPUT_TEMPLATES:
            return render_input(context["widget"])
        return super().render(template_name, context, request)


def render_input(widget):
    html = [format_html('<input type="{}" name="{}"', widget["type"], widget["name"])]
    if widget["value"] is not None:
        html.append(format_html(' value="{}"', widget["value"]))
    for name, value in widget["attrs"].items():
        if value is True:
            html.append(format_html(" {}", name))
        elif value is not False:
            html.append(format_html(' {}="{}"', name, value))
    html.append(">")
    return mark_safe("".join(html))  # noqa: S308 - every part is built by format_html
