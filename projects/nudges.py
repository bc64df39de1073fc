"""Nudges for quiet projects: once a day, each published, active project with no update, data or PDSA
cycle for the quiet period (STALE_PROJECT_DAYS) gets one email to its lead, with a suggested progress
score and the evidence behind it. One nudge per quiet spell, whatever the retries."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.notify import notify
from projects import activity
from projects.models import ProjectNudge

logger = logging.getLogger(__name__)


def send_nudges(limit: int = 5000) -> int:
    """Nudge every quiet project not nudged yet for its current quiet spell; returns how many were sent."""
    sent = 0
    for project in activity.quiet_projects()[:limit]:
        suggestion = activity.suggestion_for(project)
        try:
            with transaction.atomic():
                ProjectNudge.objects.create(
                    project=project,
                    quiet_since=project.last_activity,
                    suggested_score=suggestion.score,
                )
                notify(
                    recipients=[project.lead.email],
                    subject=f"{project.title}: how is it going?",
                    template="projects/emails/quiet.txt",
                    context={
                        "project": project,
                        "since": timezone.localtime(project.last_activity),  # type: ignore[attr-defined]
                        "suggestion": suggestion,
                    },
                )
        except IntegrityError:  # another run nudged it a moment ago
            continue
        sent += 1
    logger.info("Nudged %s quiet projects", sent)
    return sent


@shared_task(name="projects.nudge_quiet_projects")
def nudge_quiet_projects() -> int:
    return send_nudges()
