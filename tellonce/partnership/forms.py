from django import forms


class TargetForm(forms.Form):
    percent = forms.DecimalField(
        label="Target (%)",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        help_text="Leave blank for no target",
        error_messages={
            "invalid": "Enter the target as a number, like 85 or 92.5",
            "min_value": "The target must be 0%% or more",
            "max_value": "The target must be 100%% or less",
            "max_decimal_places": "Give the target to at most one decimal place, like 92.5",
            "max_digits": "The target must be 100%% or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NeighbourForm(forms.Form):
    la_code = forms.ChoiceField(
        label="Council to add",
        error_messages={
            "required": "Choose a council to add",
            "invalid_choice": "Choose a council from the list",
        },
    )

    def __init__(self, *args, councils: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la_code"].choices = [
            ("", "Choose a council"),
            *sorted(((c, f"{n} ({c})") for c, n in councils.items()), key=lambda x: x[1]),
        ]
