"""PDSA cycles, measures and their data points, hanging off `projects.Project`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from core.versioning import version_field
from projects.spc import CHART_NAMES, icons, rulesets

from .rows import RATIO_KINDS


class PDSACycle(models.Model):
    """One Plan-Do-Study-Act cycle; cycles testing the same change idea form a ramp."""

    class Act(models.TextChoices):
        ADOPT = "adopt", "Adopt"
        ADAPT = "adapt", "Adapt"
        ABANDON = "abandon", "Abandon"

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="pdsa_cycles")
    change_idea = models.CharField(
        max_length=200, help_text="Cycles that test the same change idea are shown together as a ramp."
    )
    title = models.CharField("what this cycle tests", max_length=200)
    plan = models.TextField("plan", blank=True, help_text="What you will do, who, where and when.")
    prediction = models.TextField("prediction", blank=True, help_text="What you expect to happen.")
    do = models.TextField("do", blank=True, help_text="What happened when you carried out the test.")
    study = models.TextField("study", blank=True, help_text="How the results compare with the prediction.")
    act = models.CharField("act", max_length=10, choices=Act.choices, blank=True)
    act_notes = models.TextField("next steps", blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    measures = models.ManyToManyField(
        "projects.Measure",
        blank=True,
        related_name="cycles",
        verbose_name="measures this cycle should move",
        help_text="The cycle is marked on their charts at the period it starts.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", Lower("change_idea"), "start_date", "id"]
        verbose_name = "PDSA cycle"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="pdsa_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.change_idea}: {self.title}"


class Measure(models.Model):
    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome"
        PROCESS = "process", "Process"
        BALANCING = "balancing", "Balancing"

    class Improvement(models.TextChoices):
        INCREASE = icons.INCREASE, "Higher is better"
        DECREASE = icons.DECREASE, "Lower is better"
        NEITHER = icons.NEITHER, "Neither: no direction is better"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        OTHER = "other", "Other"

    # The chart's period axis: a week or a quarter is drawn at its first day, and the axis says so.
    PERIOD_AXIS_TITLES = {
        "daily": "Day",
        "weekly": "Week (each point at the Monday it starts)",
        "monthly": "Month",
        "quarterly": "Quarter (each point at the first day of the quarter)",
    }

    class ValueKind(models.TextChoices):
        VALUE = "value", "A single value, such as days, minutes or a score"
        PROPORTION = (
            "proportion",
            "A proportion: a numerator out of a denominator, such as patients screened of patients seen",
        )
        RATE = "rate", "A rate: a count of events per exposure, such as falls per 1,000 bed days"
        COUNT = "count", "A count of events in each period, from the same size of area or population"
        CASES_BETWEEN = (
            "cases_between",
            "Rare events: the number of cases or opportunities since the last event",
        )
        TIME_BETWEEN = "time_between", "Rare events: the time (such as days) since the last event"

    class ChartType(models.TextChoices):
        XMR = "xmr", "SPC chart (XmR)"
        RUN = "run", "Run chart"
        P = "p", CHART_NAMES["p"]
        PP = "pp", CHART_NAMES["pp"]
        U = "u", CHART_NAMES["u"]
        UP = "up", CHART_NAMES["up"]
        C = "c", CHART_NAMES["c"]
        G = "g", CHART_NAMES["g"]
        T = "t", CHART_NAMES["t"]

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OUTCOME)
    unit = models.CharField(
        max_length=60, blank=True, help_text="For example: days, %, falls per 1,000 bed days."
    )
    definition = models.TextField(
        "operational definition", blank=True, help_text="Exactly what is counted, how, and from which source."
    )
    improvement = models.CharField(
        "which direction is an improvement?", max_length=10, choices=Improvement.choices
    )
    target = models.FloatField(null=True, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    value_kind = models.CharField(
        "what is recorded for each period?", max_length=15, choices=ValueKind.choices, default=ValueKind.VALUE
    )
    multiplier = models.PositiveIntegerField(
        "show as a number per",
        default=1,
        help_text="For a proportion, 100 shows a percentage; for a rate, 1000 shows events per 1,000 "
        "(for example, per 1,000 bed days). 1 shows the plain ratio.",
    )
    chart_type = models.CharField("chart", max_length=3, choices=ChartType.choices, default=ChartType.XMR)
    rule_set = models.CharField(
        "rules for special cause",
        max_length=20,
        blank=True,
        choices=rulesets.CHOICES,
        help_text="Leave empty to use the community's default.",
    )
    screen_moving_ranges = models.BooleanField(
        "screen out very large moving ranges before the limits are calculated", default=True
    )
    # The Making Data Count icons for the latest point, refreshed whenever the data change, so that lists
    # and dashboards read them without computing every chart.
    variation = models.CharField(max_length=20, blank=True)
    assurance = models.CharField(max_length=25, blank=True)
    latest_period = models.DateField(null=True, blank=True)
    latest_value = models.FloatField(null=True, blank=True)  # as the chart shows it (a percentage, a rate)
    point_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = version_field()

    class Meta:
        ordering = ["project", "kind", "name", "id"]
        indexes = [models.Index(fields=["variation"], name="measure_variation_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:measure_detail", kwargs={"pk": self.pk})

    @property
    def is_ratio(self) -> bool:
        """Recorded as a numerator and a denominator."""
        return self.value_kind in RATIO_KINDS

    @property
    def variation_label(self) -> str:
        return icons.VARIATION_LABELS.get(self.variation, "")

    @property
    def assurance_label(self) -> str:
        return icons.ASSURANCE_LABELS.get(self.assurance, "")


class DataPoint(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    period = models.DateField()
    value = models.FloatField(help_text="The value, or for a proportion or rate its numerator.")
    denominator = models.FloatField(null=True, blank=True)
    annotation = models.CharField(max_length=200, blank=True)
    rebaseline = models.BooleanField("recalculate the limits from this period", default=False)
    rebaseline_cycle = models.ForeignKey(
        PDSACycle,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="the change the new limits follow",
    )
    excluded = models.BooleanField(
        "leave out of the centre line and limits", default=False, help_text="A known special cause."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="datapoint_one_per_period"),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True) | models.Q(denominator__gt=0),
                name="datapoint_denominator_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period:%Y-%m-%d} = {self.value:g}"


class DriverDiagram(models.Model):
    """A project's driver diagram, kept as the nested list people type (measurement/drivers.py reads it):
    the aim, primary and secondary drivers, and change ideas, which link to the PDSA cycles testing them."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="driver_diagram"
    )
    text = models.TextField("driver diagram")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Driver diagram: {self.project}"


class MeasurementSettings(models.Model):
    """The community's choices for every measure (one row): which rules read a control chart when the
    measure does not choose its own. Set by community admins; `SPC_DEFAULT_RULE_SET` until then."""

    default_rule_set = models.CharField(
        "the community's rules for special cause", max_length=20, choices=rulesets.CHOICES
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "measurement settings"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="measurement_settings_one_row")]

    def __str__(self) -> str:
        return "Measurement settings"
