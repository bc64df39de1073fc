"""The together app's background tasks, imported here so that Celery's worker finds them."""

from together.digest import send_digests_task
from together.notify import deliver, deliver_pending

__all__ = ["deliver", "deliver_pending", "send_digests_task"]
