"""What facilitation announces for the apps above it to act on, without it importing them.

`decided_in_meeting` is sent, inside the deciding transaction, when the steering group decides a request
in the queue's meeting mode; governance records it in that day's steering group meeting."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with decision (the facilitation Decision), held_on (the meeting's date), summary (one line for
# the minutes, e.g. "Accept: Sepsis screening (Coaching)") and label (what the minutes link to).
decided_in_meeting = Signal()
