"""A calendar file (iCalendar, RFC 5545) for a booked place, so it can go straight into Outlook or a
phone's calendar. Plain functions, no Django: escaping, folding and all-day dates are tested on their own."""

from __future__ import annotations

import datetime

LINE_OCTETS = 75


def escape(text: str) -> str:
    """A TEXT value: backslashes, semicolons, commas and new lines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line split into lines of at most 75 octets, each continuation starting with a space, never
    splitting a character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def event(
    *,
    uid: str,
    summary: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    location: str = "",
    description: str = "",
    url: str = "",
    stamp: datetime.datetime,
    cancelled: bool = False,
) -> str:
    """An all-day event from `starts_on` to `ends_on` inclusive (DTEND is the day after, as the standard
    has it). `cancelled` writes the same event as cancelled, so calendars that hold it remove it."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Improvement Community Portal//Training//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{starts_on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{ends_on + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += [
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
