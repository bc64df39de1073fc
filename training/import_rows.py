"""Saving checked training rows: the lookups a file's names are matched against, and the COPY into a
temporary table with two upserts, in one transaction, so 100,000 rows take seconds. The upserts only
touch rows whose values differ, so the same file imported twice changes nothing, and the counts say what
was created, updated and unchanged."""

from __future__ import annotations

import pandas as pd
from django.db import connection, transaction

from community.models import Organisation
from training import capability_dashboard
from training.importing import Checked, Lookups, lookup_key
from training.models import Cohort, ImportBatch, Programme, Provider, TrainingRecord


def lookups_for(provider: Provider) -> Lookups:
    programmes: dict[str, int] = {}
    names: list[str] = []
    for pk, name, code in Programme.objects.filter(provider=provider).values_list("pk", "name", "code"):
        names.append(name)
        programmes[lookup_key(name)] = pk
        if code:
            programmes.setdefault(lookup_key(code), pk)
    organisations: dict[str, int] = {}
    for pk, name, short in Organisation.objects.values_list("pk", "name", "short_name"):
        organisations[lookup_key(name)] = pk
        if short:
            organisations.setdefault(lookup_key(short), pk)
    cohorts = {
        (programme_id, lookup_key(name)): pk
        for pk, programme_id, name in Cohort.objects.filter(programme__provider=provider).values_list(
            "pk", "programme_id", "name"
        )
    }
    return Lookups(
        programmes, organisations, cohorts, provider_label=provider.name, programme_names=tuple(names)
    )


_STAGING = """
CREATE TEMPORARY TABLE training_staging (
    row_no integer, email text, name text, organisation_id integer, programme_id integer,
    cohort_id integer, status text, completed_on date
) ON COMMIT DROP
"""
_UPSERT_TRAINEES = """
INSERT INTO training_trainee (email, name, organisation_id, user_id)
SELECT DISTINCT ON (s.email) s.email, COALESCE(s.name, ''), s.organisation_id, u.id
FROM training_staging s LEFT JOIN community_user u ON lower(u.email) = s.email
ORDER BY s.email, s.row_no DESC
ON CONFLICT (email) DO UPDATE SET
    name = COALESCE(NULLIF(EXCLUDED.name, ''), training_trainee.name),
    organisation_id = COALESCE(EXCLUDED.organisation_id, training_trainee.organisation_id),
    user_id = COALESCE(training_trainee.user_id, EXCLUDED.user_id)
WHERE (training_trainee.name, training_trainee.organisation_id, training_trainee.user_id)
    IS DISTINCT FROM (
        COALESCE(NULLIF(EXCLUDED.name, ''), training_trainee.name),
        COALESCE(EXCLUDED.organisation_id, training_trainee.organisation_id),
        COALESCE(training_trainee.user_id, EXCLUDED.user_id)
    )
"""
_UPSERT_RECORDS = """
WITH written AS (
    INSERT INTO training_trainingrecord AS r
        (trainee_id, programme_id, cohort_id, status, completed_on, source, import_batch_id,
         created_at, updated_at)
    SELECT t.id, s.programme_id, s.cohort_id, s.status, s.completed_on, %(source)s, %(batch)s, now(), now()
    FROM training_staging s JOIN training_trainee t ON t.email = s.email
    ON CONFLICT (programme_id, trainee_id) DO UPDATE SET
        cohort_id = COALESCE(EXCLUDED.cohort_id, r.cohort_id),
        status = EXCLUDED.status,
        completed_on = COALESCE(EXCLUDED.completed_on, r.completed_on),
        import_batch_id = COALESCE(EXCLUDED.import_batch_id, r.import_batch_id),
        updated_at = now()
    WHERE (r.status, r.completed_on, r.cohort_id) IS DISTINCT FROM
        (EXCLUDED.status, COALESCE(EXCLUDED.completed_on, r.completed_on),
         COALESCE(EXCLUDED.cohort_id, r.cohort_id))
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
"""


def _csv_for_copy(rows: pd.DataFrame) -> bytes:
    table = rows.reset_index(drop=True)
    table.insert(0, "row_no", range(len(table)))
    return table.to_csv(index=False, header=False, na_rep="").encode()


def save_rows(
    checked: Checked, *, batch: ImportBatch | None = None, source: str = TrainingRecord.Source.IMPORT
) -> tuple[int, int, int]:
    """Save checked rows in one transaction; (created, updated, unchanged) records."""
    if not checked.ok:
        raise ValueError("Only rows without errors can be saved")
    data = _csv_for_copy(checked.rows)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_STAGING)
        columns = "row_no, email, name, organisation_id, programme_id, cohort_id, status, completed_on"
        with cursor.cursor.copy(f"COPY training_staging ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])
        cursor.execute("ANALYZE training_staging")
        cursor.execute(_UPSERT_TRAINEES)
        cursor.execute(_UPSERT_RECORDS, {"source": source, "batch": batch.pk if batch else None})
        created, updated = cursor.fetchone()
        cursor.execute("DROP TABLE training_staging")
    capability_dashboard.records_changed()  # once per import
    unchanged = len(checked.rows) - created - updated
    return int(created), int(updated), int(unchanged)
