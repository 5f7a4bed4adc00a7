from django import forms


class AllocationForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Children to allocate",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one child",
            "invalid_choice": "Choose children from the list",
        },
    )
    to = forms.ModelChoiceField(
        label="Give them to",
        queryset=None,
        empty_label="Choose a coordinator",
        error_messages={
            "required": "Choose the coordinator to give them to",
            "invalid_choice": "Choose a coordinator",
        },
    )

    def __init__(self, *args, children, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(child.pk), child.full_name) for child in children]
        self.fields["to"].queryset = coordinators
        self.fields["to"].label_from_instance = lambda user: (
            f"{user} ({user.children} {'child' if user.children == 1 else 'children'})"
        )
