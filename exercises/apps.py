from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"

    def ready(self):
        from publishing.markdown import register_stored_html, render_markdown

        from .models import Step

        def render_step(step):
            step.instruction_html = render_markdown(step.instruction)

        register_stored_html(Step, render_step, ["instruction_html"])
