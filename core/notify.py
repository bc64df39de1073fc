"""Emails to people about things that happened in the portal, sent once the transaction commits.

Bodies are plain-text Jinja2 templates under templates/emails/. A failure to send is logged, never raised:
the change the email is about has already been saved.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable[str],
    subject: str,
    template: str,
    context: dict[str, Any],
    attachments: Iterable[tuple[str, str, str]] = (),
) -> None:
    """`attachments`: (file name, content, MIME type), such as a calendar file."""
    addresses = sorted({r for r in recipients if r})
    if not addresses:
        return
    body = render_to_string(template, {**context, "site_url": getattr(settings, "SITE_URL", "")})
    files = list(attachments)

    def send() -> None:
        try:
            message = EmailMessage(f"[{settings.SERVICE_NAME}] {subject}", body, None, addresses)
            for name, content, mimetype in files:
                message.attach(name, content, mimetype)
            message.send()
        except Exception:
            logger.exception("Could not send %r to %s", subject, addresses)

    transaction.on_commit(send)
