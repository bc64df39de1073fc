"""Every label tells the truth about what the server needs: "(optional)" only for what no step requires,
"(needed to publish)" or "(needed to submit)" for what a draft may skip but the next step refuses."""

from __future__ import annotations

import pytest

from core.form_fields import label_text
from facilitation.forms import RequestForm
from facilitation.services import SUBMIT_MESSAGES
from projects.forms import ProjectForm
from projects.rules import PUBLISH_MESSAGES


@pytest.mark.parametrize(
    ("form_class", "step", "server_needs"),
    [(ProjectForm, "publish", PUBLISH_MESSAGES), (RequestForm, "submit", SUBMIT_MESSAGES)],
)
@pytest.mark.django_db
def test_labels_match_what_the_server_requires_for_each_action(form_class, step, server_needs):
    form = form_class()
    for name, field in form.fields.items():
        label = label_text(form[name])
        if field.required:
            assert "(" not in label.removeprefix(str(field.label)), name
        elif name in server_needs:
            assert label.endswith(f"(needed to {step})"), (name, label)
        elif not label.endswith(")"):
            continue  # a checkbox: ticked or not, never "optional"
        else:
            assert label.endswith("(optional)"), (name, label)
    # and nothing the server insists on is missing from the form, but the lead, who is the person
    # registering the project unless they choose someone else on the edit form
    assert set(server_needs) - {"lead"} <= set(form.fields)


def test_the_import_mapping_labels_the_columns_an_import_needs():
    from training.forms import MappingForm
    from training.importing import TARGETS, mapping_problems

    form = MappingForm(columns=["A", "B"], initial_mapping={})
    missing_all = mapping_problems({}, ["A", "B"])
    for target in TARGETS:
        label = label_text(form[target.key])
        if target.key in missing_all:
            assert label.endswith("(needed to import)"), (target.key, label)
        else:
            assert label.endswith("(optional)"), (target.key, label)
    assert any(t.required for t in TARGETS)


@pytest.mark.django_db
def test_the_nomination_says_what_agreed_hours_need():
    from champions.forms import NominationForm

    form = NominationForm()
    for name in ("capacity_start", "capacity_agreed_by"):
        assert label_text(form[name]).endswith("(needed when hours are agreed)")
    assert label_text(form["capacity_end"]).endswith("(optional)")

    bound = NominationForm(data={"level": "coach", "hours_per_month": "6"})
    bound.is_valid()
    assert {"capacity_start", "capacity_agreed_by"} <= set(bound.errors)
