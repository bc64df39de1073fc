from __future__ import annotations

from typing import Any

from django import forms

from together.models import DEFAULT_DELIVERY, Delivery, Kind


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="Plain text; links work. Mention someone with @ and the start of their work email, "
        "for example @jo.bloggs",
        error_messages={
            "required": "Write your comment",
            "max_length": "A comment can be at most 5,000 characters",
        },
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being removed?", max_length=200, required=False, help_text="Its author is told."
    )


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, chosen: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=chosen.get(kind.value, DEFAULT_DELIVERY[kind]),
            )
