"""Calendar files for booked places."""

import datetime

from training.calendar import escape, event, fold

STAMP = datetime.datetime(2026, 12, 3, 9, 30, tzinfo=datetime.UTC)


def test_an_all_day_event_ends_the_day_after_its_last_day_and_escapes_its_text():
    text = event(
        uid="booking-7@portal.example.org",
        summary="Improvement Foundations; day one, part 2",
        starts_on=datetime.date(2027, 1, 14),
        ends_on=datetime.date(2027, 1, 15),
        location="Shire Hall, Gloucester",
        description="Bring a laptop\nand your project idea",
        url="https://portal.example.org/training/bookings/7/",
        stamp=STAMP,
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "DTSTART;VALUE=DATE:20270114" in lines and "DTEND;VALUE=DATE:20270116" in lines
    assert "DTSTAMP:20261203T093000Z" in lines
    assert "SUMMARY:Improvement Foundations\\; day one\\, part 2" in lines
    assert "LOCATION:Shire Hall\\, Gloucester" in lines
    assert "DESCRIPTION:Bring a laptop\\nand your project idea" in lines
    assert "STATUS:CONFIRMED" in lines and "METHOD:PUBLISH" in lines


def test_a_cancelled_place_cancels_the_same_event():
    text = event(
        uid="booking-7@portal.example.org",
        summary="x",
        starts_on=datetime.date(2027, 1, 14),
        ends_on=datetime.date(2027, 1, 14),
        stamp=STAMP,
        cancelled=True,
    )
    assert (
        "METHOD:CANCEL\r\n" in text
        and "STATUS:CANCELLED\r\n" in text
        and "UID:booking-7@portal.example.org" in text
    )


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "é" * 80
    folded = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded)) == line
    assert escape("a\\b") == "a\\\\b"
