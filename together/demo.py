"""Demo follows and comments: each demo person follows a few projects and a programme, and some projects
carry a short conversation, with a mention. Safe to run again: it adds nothing once comments exist."""

from __future__ import annotations

import random
from typing import TextIO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from community.models import SystemPriority, User
from together import services
from together.models import Comment, Follow

CONVERSATION = [
    "How did you get the ward's buy-in for the first test? We are about to start something similar.",
    "We started with one consultant and one nurse who were keen, and shared the run chart every week.",
    "Could you share the data collection sheet? @{handle} might want it for the frailty unit too.",
    "Great to see the shift on the chart. Is the team planning to spread it to the other wards?",
]


def seed(out: TextIO) -> None:
    if Comment.objects.exists():
        out.write("  together: skipped (comments exist already)\n")
        return
    project_model = apps.get_model("projects", "Project")
    rng = random.Random(2026)
    people = list(User.objects.filter(is_active=True).order_by("pk"))
    projects = list(project_model.objects.filter(published_at__isnull=False).order_by("pk"))
    programmes = list(SystemPriority.objects.order_by("pk"))
    if not projects or not people:
        out.write("  together: skipped (no projects)\n")
        return
    project_type = ContentType.objects.get_for_model(project_model)
    programme_type = ContentType.objects.get_for_model(SystemPriority)
    follows = []
    for person in people:
        for project in rng.sample(projects, min(3, len(projects))):
            follows.append(Follow(user=person, content_type=project_type, object_id=project.pk))
        if programmes:
            follows.append(
                Follow(user=person, content_type=programme_type, object_id=rng.choice(programmes).pk)
            )
    Follow.objects.bulk_create(follows, ignore_conflicts=True)
    comments = 0
    for project in rng.sample(projects, min(20, len(projects))):
        speakers = [project.lead, *rng.sample(people, 2)]
        for index, text in enumerate(CONVERSATION[: rng.randrange(1, len(CONVERSATION) + 1)]):
            other = speakers[(index + 1) % len(speakers)]
            services.comment_add(
                actor=speakers[index % len(speakers)],
                subject=project,
                text=text.format(handle=other.email.split("@")[0]),
            )
            comments += 1
    out.write(f"  together: {len(follows)} follows, {comments} comments\n")
