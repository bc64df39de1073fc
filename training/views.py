"""Training pages: find training and book, records, a person's history, cohort registers, imports, figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from community import selectors as community_selectors
from community.models import Organisation
from core.exports import Column, export_response
from core.listing import SortOption, build_listing, export_format
from core.once import once
from core.paging import paginate
from core.periods import figures_period, financial_year
from core.permissions import can
from training import figures, figures_db, selectors, services, signposting
from training.forms import FiguresForm, FindForm, MappingForm, RecordFilter, RegisterForm, UploadForm
from training.importing import TARGETS
from training.ladder import LEVEL_LABELS, Level, Status, places_left
from training.models import Cohort, ImportBatch, TrainingRecord

RECORD_SORTS = [
    SortOption("recent", "Most recently completed", ("-completed_on", "-id")),
    SortOption("name", "Name", ("trainee__name", "trainee__email", "id")),
    SortOption("programme", "Programme", ("programme__name", "trainee__name", "id")),
]
RECORD_COLUMNS = [
    Column("Name", lambda r: r.trainee.name),
    Column("Email", lambda r: r.trainee.email),
    Column("Organisation", lambda r: r.trainee.organisation.name if r.trainee.organisation else ""),
    Column("Faculty", lambda r: r.programme.provider.name),
    Column("Programme", lambda r: r.programme.name),
    Column("Level", lambda r: r.programme.level_label),
    Column("Cohort", lambda r: r.cohort.name if r.cohort else ""),
    Column("Status", lambda r: r.get_status_display()),
    Column("Completed on", lambda r: r.completed_on),
    Column("Source", lambda r: r.get_source_display()),
]


# ------------------------------------------------------------------------------------ find and book


def find(request: HttpRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    advice, results = None, []
    if form.is_bound and form.is_valid():
        programmes = {p.pk: p for p in selectors.programmes()}
        options = [
            signposting.Option(
                p.pk, p.level, p.hours, p.provider.organisation_id if p.provider else None, p.strand
            )
            for p in programmes.values()
        ]
        finished = selectors.finished_by(request.user)
        advice = signposting.advise(
            form.cleaned_data["role"],
            form.cleaned_data["knowledge"],
            form.cleaned_data["time"],
            options,
            getattr(request.user, "organisation_id", None),
            held=Level(finished[0].programme.level) if finished else None,
        )
        cohorts: dict[int, list[Cohort]] = {}
        for cohort in selectors.open_cohorts().filter(programme_id__in=advice.programme_ids):
            cohort.places_left = places_left(cohort.capacity, cohort.taken)  # type: ignore[attr-defined]
            cohorts.setdefault(cohort.programme_id, []).append(cohort)
        results = [(programmes[pk], cohorts.get(pk, [])) for pk in advice.programme_ids]
    return render(
        request,
        "training/find.jinja",
        {
            "form": form if form.is_bound else FindForm(),
            "page_forms": [form] if form.is_bound else [],
            "advice": advice,
            "results": results,
            "level_labels": [LEVEL_LABELS[level] for level in advice.levels] if advice else [],
            "my_records": selectors.my_records(request.user)[:20],
        },
    )


@require_POST
@once
def book(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort(pk)
    if cohort is None:
        raise Http404
    try:
        services.cohort_book(user=request.user, cohort_id=cohort.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        record = selectors.my_records(request.user).get(cohort=cohort, status=Status.BOOKED)
        return redirect("training:booking", pk=record.pk)
    return _back(request)


def _own_booking(request: HttpRequest, pk: int) -> TrainingRecord:
    """One's own booked (or cancelled) place; not found for anyone else's."""
    record = selectors.my_records(request.user).filter(pk=pk, cohort__isnull=False).first()
    if record is None:
        raise Http404("No such booking")
    return record


def booking(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_booking(request, pk)
    cancellable = record.status == Status.BOOKED and record.cohort.starts_on > timezone.localdate()  # type: ignore[union-attr]
    return render(request, "training/booking.jinja", {"record": record, "cancellable": cancellable})


def booking_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_booking(request, pk)
    text = services.booking_calendar(record, cancelled=record.status == Status.WITHDRAWN)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-{record.pk}.ics"'
    return response


@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_booking(request, pk)
    try:
        services.booking_cancel(user=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Your place on {record.programme.name} is cancelled. We have emailed you.")
    return redirect("training:booking", pk=record.pk)


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the form was on (the find page with its answers), never to another site."""
    target = request.POST.get("next", "")
    if target.startswith("/training/") and "//" not in target:
        return redirect(target)
    return redirect("training:find")


@require_POST
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programmes().filter(pk=pk).first()
    if programme is None:
        raise Http404
    services.interest_register(user=request.user, programme=programme)
    messages.success(
        request, f"Thank you: {programme.provider.name} will tell you when {programme.name} opens."
    )
    return _back(request)


# ------------------------------------------------------------------------------------------- records


RECORDS_COUNTED = 10_000  # a national portal holds millions of records: the list counts this far


def records(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    listing = build_listing(
        request,
        filterset_class=RecordFilter,
        queryset=selectors.records_for(request.user),
        sort_options=RECORD_SORTS,
        default_sort="recent",
        count_up_to=RECORDS_COUNTED,
    )
    if fmt := export_format(request):
        return export_response(listing.ordered, RECORD_COLUMNS, filename="training-records", fmt=fmt)
    return render(
        request,
        "training/records.jinja",
        {"listing": listing, "runs_faculty": can(request.user, "training.run_faculty")},
    )


def person(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = selectors.trainee(pk)
    if trainee is None or not can(request.user, "training.see_person", trainee):
        raise Http404
    history = list(selectors.history(trainee))
    best = figures.count_highest_levels(
        figures.as_frame(
            [
                {
                    "person": trainee.pk,
                    "level": r.programme.level,
                    "strand": r.programme.strand,
                    "status": r.status,
                    "competent": r.programme.competent_improver,
                }
                for r in history
            ]
        )
    )
    highest = next((LEVEL_LABELS[Level(k)] for k, v in reversed(best.items()) if v), None)
    competent = any(
        r.programme.competent_improver and r.status in ("completed", "graduated") for r in history
    )
    return render(
        request,
        "training/person.jinja",
        {"trainee": trainee, "history": history, "highest": highest, "competent": competent},
    )


# ------------------------------------------------------------------------------------------- cohorts


def cohorts(request: HttpRequest) -> HttpResponse:
    rows = selectors.cohorts_managed_by(request.user).order_by("-starts_on")[:200]
    return render(
        request,
        "training/cohorts.jinja",
        {"cohorts": rows, "runs_faculty": can(request.user, "training.run_faculty")},
    )


def cohort_register(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort(pk)
    if cohort is None or not can(request.user, "training.manage_cohort", cohort):
        raise Http404
    form = RegisterForm(request.POST or None, records=selectors.register(cohort))
    if request.method == "POST" and form.is_valid():
        changed = services.register_update(actor=request.user, cohort=cohort, statuses=form.statuses())
        messages.success(
            request, f"The register is saved: {changed} {'change' if changed == 1 else 'changes'}."
        )
        return redirect("training:cohort_register", pk=cohort.pk)
    return render(request, "training/register.jinja", {"cohort": cohort, "form": form})


# ------------------------------------------------------------------------------------------- imports


def imports(request: HttpRequest) -> HttpResponse:
    providers = selectors.providers_for_import(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_upload(
                actor=request.user,
                provider=form.cleaned_data["provider"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in (
                error.message_dict.get("file", []) if hasattr(error, "error_dict") else error.messages
            ):
                form.add_error("file", message)
        else:
            return redirect("training:import_detail", pk=batch.pk)
    history = selectors.imports_for(request.user)[:50]
    return render(
        request,
        "training/imports.jinja",
        {"form": form, "can_import": providers.exists(), "history": history},
    )


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    batch = selectors.import_for(request.user, pk)
    if batch is None:
        raise Http404
    return batch


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = None
    if batch.state == ImportBatch.State.UPLOADED:
        form = MappingForm(request.POST or None, columns=batch.columns, initial_mapping=batch.mapping)
        if request.method == "POST" and form.is_valid():
            try:
                batch = services.import_start(actor=request.user, batch=batch, mapping=form.cleaned_data)
            except ValidationError as error:
                for key, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(key if key in form.fields else None, problem)
            else:
                if batch.state == ImportBatch.State.DONE:
                    messages.success(request, "The records are imported.")
                return redirect("training:import_detail", pk=batch.pk)
    return render(
        request,
        "training/import_detail.jinja",
        {
            "batch": batch,
            "form": form,
            "targets": TARGETS,
            "earlier": services.earlier_import_of_same_file(batch),
            "refresh": batch.state in (ImportBatch.State.QUEUED, ImportBatch.State.RUNNING),
        },
    )


def import_file(request: HttpRequest, pk: int) -> FileResponse:
    batch = _batch(request, pk)
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename=batch.filename)


def import_errors(request: HttpRequest, pk: int) -> FileResponse:
    batch = _batch(request, pk)
    if not batch.error_report:
        raise Http404
    stem = batch.filename.rsplit(".", 1)[0]
    return FileResponse(
        batch.error_report.open("rb"),
        as_attachment=True,
        filename=f"{stem}-problems.csv",
        content_type="text/csv",
    )


# ------------------------------------------------------------------------------------------- figures


FIGURES_PAGE = 25  # organisations a page in each of the figures page's tables


def figures_page(request: HttpRequest) -> HttpResponse:
    form = FiguresForm(request.GET or None)
    period = form.cleaned_data.get("period") if form.is_valid() else ""
    period = period or "fytd"
    today = timezone.localdate()
    start, end = figures_period(period, today)
    fy_start, fy_end = financial_year(today)
    targets = figures.improver_targets(fy_start, fy_end)
    counted = figures_db.page_figures(start, end, fy_start, fy_end, targets)
    organisations: dict[int | None, Organisation] = {o.pk: o for o in community_selectors.organisations()}
    by_org = counted.by_organisation

    def by_name(rows: dict[Any, Any]) -> list[tuple[Organisation | None, Any]]:
        named = ((organisations.get(k), v) for k, v in rows.items())
        return sorted(named, key=lambda item: item[0].name if item[0] else "~")

    improvers = dict(counted.improvers)
    programmes = {p.pk: p for p in selectors.programmes()}
    programme_rows = [
        (programmes[pk], total, counted.programme_in_period.get(pk, 0))
        for pk, total in sorted(counted.programme_totals.items(), key=lambda item: -item[1])
        if pk in programmes
    ]
    by_level = {
        level.value: (counted.level_totals.get(level.value, 0), counted.level_in_period.get(level.value, 0))
        for level in Level
    }
    programme_rows.sort(key=lambda row: (row[0].provider.name, Level(row[0].level).rank, row[0].name))
    return render(
        request,
        "training/figures.jinja",
        {
            "form": form,
            "period": period,
            "period_label": figures.PERIODS[period],
            "start": start,
            "end": end,
            "levels": list(Level),
            "level_labels": LEVEL_LABELS,
            "system_levels": counted.system_levels,
            # Every organisation in England is over a thousand rows: each table is paged on its own.
            "by_org": paginate(request, by_name(by_org), per_page=FIGURES_PAGE, param="people_page"),
            "improvers_system": improvers.pop(None),
            "improvers": paginate(request, by_name(improvers), per_page=FIGURES_PAGE, param="improvers_page"),
            "fy_start": fy_start,
            "fy_end": fy_end,
            "programme_rows": programme_rows,
            "by_level": by_level,
            "people": counted.people,
        },
    )
