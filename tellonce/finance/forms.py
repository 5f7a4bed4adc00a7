from django import forms

from tellonce.core.forms import UploadField
from tellonce.core.uploads import Kind

LABELS = {
    "mainstream_school": "Mainstream schools",
    "special_school": "Special schools",
    "further_education": "Further education",
}


class ForecastForm(forms.Form):
    series = UploadField(
        kinds=(Kind.CSV,),
        label="EHC plans by year (CSV)",
        help_text="Columns year_january and total; age bands, placements and flows if you have them",
        error_messages={"required": "Choose the CSV file of EHC plans by year"},
    )
    population = UploadField(
        kinds=(Kind.CSV,),
        label="Population aged 0 to 25 by year (CSV, optional)",
        required=False,
        help_text="Columns year and population, covering the base year and the forecast years",
    )
    horizon = forms.TypedChoiceField(
        label="Years ahead", coerce=int, choices=[(n, str(n)) for n in range(1, 6)], initial=3
    )
    mitigation_name = forms.CharField(
        label="Mitigation (optional)",
        required=False,
        max_length=100,
        help_text="For example, Early help in mainstream schools",
    )
    growth_points = forms.FloatField(
        label="Change in growth (percentage points a year)",
        required=False,
        min_value=-20,
        max_value=20,
        help_text="For example, -2",
    )
    move_from = forms.ChoiceField(
        label="Move placements from", required=False, choices=[("", "No change"), *LABELS.items()]
    )
    move_to = forms.ChoiceField(
        label="Move placements to", required=False, choices=[("", "No change"), *LABELS.items()]
    )
    move_points = forms.FloatField(
        label="Share moved (percentage points)", required=False, min_value=0, max_value=50
    )

    def clean(self):
        data = super().clean()
        moving = [data.get("move_from"), data.get("move_to"), data.get("move_points")]
        if any(moving) and not all(moving):
            self.add_error(
                "move_points", "To move placements, choose where from, where to and the share moved"
            )
        if data.get("move_from") and data.get("move_from") == data.get("move_to"):
            self.add_error("move_to", "Choose a different placement to move to")
        if (data.get("growth_points") or any(moving)) and not data.get("mitigation_name"):
            self.add_error("mitigation_name", "Give the mitigation a name")
        return data

    def mitigation_text(self) -> str | None:
        data = self.cleaned_data
        if not data.get("mitigation_name"):
            return None
        parts = [data["mitigation_name"].replace(":", " ")]
        if data.get("growth_points"):
            parts.append(f"growth={data['growth_points']}")
        if data.get("move_points"):
            parts += [
                f"{data['move_from']}={-data['move_points']}",
                f"{data['move_to']}={data['move_points']}",
            ]
        return ":".join(parts)


class SaveForm(forms.Form):
    assumption = forms.CharField(
        label="The assumption behind this forecast", widget=forms.Textarea, required=False, max_length=5000
    )


NEED_AREAS = {
    "communication": "Communication and interaction",
    "learning": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sensory_physical": "Sensory and physical",
}
LEVELS = [
    (str(n), label)
    for n, label in enumerate(
        ["0: typical for their age", "1: needs met at SEN support", "2: moderate", "3: severe", "4: profound"]
    )
]


class TopUpForm(forms.Form):
    table = forms.ModelChoiceField(
        label="Band table",
        queryset=None,
        error_messages={"required": "Select the band table for the child's setting"},
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = tables
        for name, label in NEED_AREAS.items():
            self.fields[name] = forms.ChoiceField(label=label, choices=LEVELS, initial="0")
        self.fields["band"] = forms.CharField(
            label="Band the panel agreed (leave blank to accept the suggestion)",
            required=False,
            max_length=10,
        )
        self.fields["reason"] = forms.CharField(
            label="Reason, if the panel chose a different band",
            required=False,
            widget=forms.Textarea,
            max_length=2000,
        )

    def levels(self) -> dict[str, int]:
        return {name: int(self.cleaned_data[name]) for name in NEED_AREAS}


class SimulationForm(forms.Form):
    proposed = forms.ModelMultipleChoiceField(
        label="Proposed band tables to simulate",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one proposed table"},
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed"].queryset = tables


class SpendUploadForm(forms.Form):
    file = UploadField(
        kinds=(Kind.CSV,),
        label="Budget and actuals by month (CSV)",
        error_messages={"required": "Choose the CSV file of budget and actuals"},
    )


class TargetForm(forms.Form):
    name = forms.CharField(label="Target", max_length=200, error_messages={"required": "Enter the target"})
    year = forms.IntegerField(
        label="Year", min_value=2000, max_value=2100, error_messages={"required": "Enter the year"}
    )
    target = forms.DecimalField(
        label="Target value",
        max_digits=14,
        decimal_places=2,
        error_messages={"required": "Enter the target value"},
    )
    actual = forms.DecimalField(label="Actual (optional)", max_digits=14, decimal_places=2, required=False)
    lower_is_better = forms.BooleanField(label="Lower is better", required=False, initial=True)
