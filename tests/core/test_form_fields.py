from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils.choices import normalize_choices

from core import menus
from core.form_fields import error_summary_items, field_params, select_options
from core.held import forget
from core.widgets import DateField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your badge")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False, max_length=500)
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Apple"), ("b", "Banana")], widget=forms.RadioSelect
    )
    tags = forms.MultipleChoiceField(
        label="Tags", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agree = forms.BooleanField(label="I agree")
    started = DateField(label="Start date")
    size = forms.ChoiceField(label="Size", choices=[("", ""), ("s", "Small")])


def test_each_widget_is_drawn_by_its_nhs_component():
    form = ExampleForm()
    components = {name: field_params(form[name])["component"] for name in form.fields}

    assert components == {
        "name": "input",
        "notes": "characterCount",
        "kind": "radios",
        "tags": "checkboxes",
        "agree": "checkboxes",
        "started": "dateInput",
        "size": "select",
    }


def test_labels_hints_and_optional_marks():
    params = field_params(ExampleForm()["name"])["params"]
    assert params["label"] == {"text": "Name"}
    assert params["hint"] == {"text": "As on your badge"}
    assert field_params(ExampleForm()["notes"])["params"]["label"] == {"text": "Notes (optional)"}


def test_a_date_is_typed_as_day_month_year_and_checked():
    good = ExampleForm(data={"started_day": "3", "started_month": "11", "started_year": "2026"})
    good.is_valid()
    assert good.cleaned_data["started"] == datetime.date(2026, 11, 3)

    bad = ExampleForm(data={"started_day": "31", "started_month": "2", "started_year": "2026"})
    assert not bad.is_valid()
    assert bad.errors["started"] == ["Start date must be a real date"]
    items = field_params(bad["started"])["params"]["items"]
    assert [i["value"] for i in items] == ["31", "2", "2026"]

    partial = ExampleForm(data={"started_day": "3", "started_year": "2026"})
    assert not partial.is_valid()
    assert partial.errors["started"] == ["Start date must include a day, month and year"]


def test_the_error_summary_links_to_the_first_input_of_each_field():
    form = ExampleForm(data={"name": ""})
    assert not form.is_valid()

    hrefs = [item["href"] for item in error_summary_items(form)]

    assert "#id_name" in hrefs
    assert "#id_started_day" in hrefs
    assert "#id_kind" in hrefs


def test_values_typed_are_kept_on_error():
    form = ExampleForm(data={"name": "Ann", "kind": "b", "tags": ["y"]})
    form.is_valid()

    assert field_params(form["name"])["params"]["value"] == "Ann"
    assert [i["checked"] for i in field_params(form["kind"])["params"]["items"]] == [False, True]
    assert [i["checked"] for i in field_params(form["tags"])["params"]["items"]] == [False, True]


def test_a_services_errors_land_on_the_forms_fields_or_on_top():
    from django import forms
    from django.core.exceptions import ValidationError

    from core.form_fields import add_service_errors

    class Form(forms.Form):
        title = forms.CharField(required=False)

    form = Form(data={"title": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError({"title": "Too short", "lead": "Choose a lead"}))
    add_service_errors(form, ValidationError("Someone else changed this"))
    assert form.errors["title"] == ["Too short"]
    assert form.non_field_errors() == ["Choose a lead", "Someone else changed this"]


class Pick(forms.Form):
    fruit = forms.ChoiceField(
        label="Fruit", choices=[("", ""), ("a", "Apple & pear"), ("<b>", "<b>Bold</b>")]
    )


def test_a_select_is_the_nhs_component_with_its_options_escaped_and_chosen():
    from django.template import engines

    jinja = next(engine for engine in engines.all() if "jinja" in type(engine).__module__)
    template = jinja.from_string('{% from "components/forms.jinja" import field %}{{ field(form["fruit"]) }}')
    html = template.render({"form": Pick(data={"fruit": "a"})})

    assert 'class="nhsuk-label"' in html and 'for="id_fruit"' in html  # the NHS.UK macro drew the rest
    options = html[html.index("<select") : html.index("</select>")]
    assert options.count("<option") == 3
    assert '<option value="">Choose…</option>' in options
    assert '<option value="a" selected>Apple &amp; pear</option>' in options
    assert '<option value="&lt;b&gt;">&lt;b&gt;Bold&lt;/b&gt;</option>' in options
    # The escaped options are kept; which is chosen is each form's own.
    again = template.render({"form": Pick(data={"fruit": "<b>"})})
    assert '<option value="a">Apple &amp; pear</option>' in again
    assert '<option value="&lt;b&gt;" selected>&lt;b&gt;Bold&lt;/b&gt;</option>' in again


@pytest.mark.django_db
def test_a_menu_read_from_the_database_is_held_a_while_in_each_process(settings):
    from community.models import Organisation
    from core import form_fields
    from core.held import forget
    from tests.community.factories import OrganisationFactory

    class Choose(forms.Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"))

    forget()
    settings.MENU_HELD_SECONDS = 30
    OrganisationFactory(name="Alpha Trust")
    first = str(form_fields.select_options(Choose()["organisation"]))
    OrganisationFactory(name="Beta Council")
    again = str(form_fields.select_options(Choose()["organisation"]))
    assert "Alpha Trust" in first and again == first  # the same menu for a while: no query, no new row

    settings.MENU_HELD_SECONDS = 0
    assert "Beta Council" in str(form_fields.select_options(Choose()["organisation"]))
    forget()


@pytest.mark.django_db
def test_a_menu_that_can_offer_nothing_is_drawn_empty(settings):
    from community.models import Organisation
    from core import form_fields

    class Choose(forms.Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())

    settings.MENU_HELD_SECONDS = 30
    options = str(form_fields.select_options(Choose()["organisation"]))
    assert options.count("<option") == 1 and options.startswith('<option value="">')  # the empty choice only


def test_what_a_process_holds_expires_and_what_is_recent_is_kept_by_key(monkeypatch):
    from core import held

    clock = [100.0]
    monkeypatch.setattr(held.time, "monotonic", lambda: clock[0])
    held.forget()
    reads = []
    assert held.for_seconds("k", lambda: reads.append(1) or len(reads), 30) == 1
    assert held.for_seconds("k", lambda: reads.append(1) or len(reads), 30) == 1  # held
    clock[0] += 31
    assert held.for_seconds("k", lambda: reads.append(1) or len(reads), 30) == 2  # read again once expired
    held.forget()

    recent: held.Recent[str] = held.Recent(2)
    assert recent.get_or_make("a", lambda: "A") == "A"
    assert recent.get_or_make("a", lambda: "changed") == "A"  # the key decides the answer
    recent.get_or_make("b", lambda: "B")
    recent.get_or_make("c", lambda: "C")  # the least recent ("a") makes way
    assert recent.get_or_make("a", lambda: "A again") == "A again"


def test_a_held_menu_is_a_field_s_choices_as_it_is_and_still_checks_what_is_chosen(settings):
    settings.MENU_HELD_SECONDS = 30
    forget()
    read = [("1", "Alpha Trust"), ("2", "Beta <Council>")]

    class Filter(forms.Form):
        organisation = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self.fields["organisation"].choices = menus.held_choices(  # type: ignore[attr-defined]
                "test:organisations", lambda: list(read), ("", "All organisations")
            )

    form = Filter(data={"organisation": "2"})
    assert form.is_valid() and form.cleaned_data["organisation"] == 2
    assert not Filter(data={"organisation": "3"}).is_valid()
    held = form.fields["organisation"].choices  # type: ignore[attr-defined]
    assert held is form.fields["organisation"].widget.choices and normalize_choices(held) is held
    read.append(("3", "Gamma PCN"))
    assert not Filter(data={"organisation": "3"}).is_valid()  # held a while
    options = str(select_options(form["organisation"]))
    assert options == (
        '<option value="">All organisations</option><option value="1">Alpha Trust</option>'
        '<option value="2" selected>Beta &lt;Council&gt;</option>'
    )
    forget()
