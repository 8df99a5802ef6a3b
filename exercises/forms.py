from django import forms

from .models import BodyRegion, Equipment, Exercise

NO_EQUIPMENT = "none"


class ExerciseFilterForm(forms.Form):
    """The library's filters: plain GET parameters, so they work without JavaScript and can be shared."""

    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *Exercise.Kind.choices])
    region = forms.ModelChoiceField(
        label="Body area",
        required=False,
        queryset=BodyRegion.objects.all(),
        to_field_name="slug",
        empty_label="Any area",
        error_messages={"invalid_choice": "We don't have that body area; showing all areas."},
    )
    equipment = forms.ChoiceField(label="Equipment", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "We don't have that type; showing all types."
        self.fields["equipment"].choices = [
            ("", "Any equipment"),
            (NO_EQUIPMENT, "No equipment"),
            *Equipment.objects.values_list("slug", "name"),
        ]
        self.fields["equipment"].error_messages["invalid_choice"] = (
            "We don't have that equipment; showing exercises with any equipment."
        )

    def filter(self, exercises):
        """Apply the valid filters; a bad value is reported by the form and otherwise ignored."""
        self.is_valid()
        chosen = {name: value for name, value in self.cleaned_data.items() if value}
        if "kind" in chosen:
            exercises = exercises.filter(kind=chosen["kind"])
        if "region" in chosen:
            exercises = exercises.filter(body_regions=chosen["region"])
        if chosen.get("equipment") == NO_EQUIPMENT:
            exercises = exercises.filter(equipment__isnull=True)
        elif "equipment" in chosen:
            exercises = exercises.filter(equipment__slug=chosen["equipment"])
        return exercises.distinct()
