"""Scale data for training: trainees and their records on the demo's programmes, spread over five years."""

from __future__ import annotations

from typing import TextIO

from core.bulk_copy import copy_rows, reserve_ids
from core.scale import Context
from training.ladder import Status
from training.models import Programme, Trainee, TrainingRecord

# Most records are finished; some are booked or under way, a few withdrawn.
STATUSES = [
    (Status.COMPLETED, 55),
    (Status.GRADUATED, 15),
    (Status.ATTENDED, 10),
    (Status.BOOKED, 12),
    (Status.WITHDRAWN, 8),
]
UNFINISHED = {Status.BOOKED, Status.ATTENDED, Status.WITHDRAWN}


def seed(ctx: Context, out: TextIO) -> None:
    rng = ctx.rng
    programmes = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
    if not programmes:
        raise RuntimeError("Scale training data needs the demo's programmes: run seed_demo first.")
    trainees = ctx.size.trainees
    trainee_ids = list(reserve_ids(Trainee, trainees))
    # A third of the people with accounts have had training and are linked to their trainee record.
    linked = dict(zip(trainee_ids, ctx.person_ids[: min(len(ctx.person_ids) // 3, trainees)], strict=False))
    org_ids = ctx.organisation_ids
    copy_rows(
        Trainee,
        ["id", "email", "name", "organisation_id", "user_id"],
        (
            (
                pk,
                f"trainee{pk}@scale.example",
                f"Trainee {pk}",
                ctx.person_organisation.get(linked.get(pk, 0)) or rng.choice(org_ids),
                linked.get(pk),
            )
            for pk in trainee_ids
        ),
    )
    wanted = ctx.size.training_records
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]

    def rows():  # type: ignore[no-untyped-def]
        made = 0
        per_trainee = max(1, min(len(programmes), -(-wanted // trainees)))
        for pk in trainee_ids:
            for programme in rng.sample(programmes, rng.randint(1, per_trainee)):
                if made == wanted:
                    return
                status = rng.choices(statuses, weights)[0]
                done = None if status in UNFINISHED else ctx.day_in_last_years(5)
                yield (pk, programme, status, done, "import")
                made += 1

    count = copy_rows(
        TrainingRecord, ["trainee_id", "programme_id", "status", "completed_on", "source"], rows()
    )
    out.write(f"  training: {trainees:,} trainees, {count:,} records\n")
