"""Every CSV and XLSX the portal writes is safe to open: nothing a person typed runs as a formula."""

from core.parsing import RowError
from core.spreadsheets import error_report_csv


def test_the_import_problems_report_neutralises_formulas():
    report = error_report_csv(
        [
            RowError(3, "Email", "Not an email address", '=HYPERLINK("http://x.example","click")'),
            RowError(4, "Name", "Too long", "+44 1452"),
            RowError(5, "Completed", "Not a date", "-12"),
        ]
    )
    lines = report.splitlines()
    assert lines[1].endswith('"\'=HYPERLINK(""http://x.example"",""click"")"')
    assert lines[2].endswith(",'+44 1452")
    assert lines[3].endswith(",-12")  # a plain negative number stays a number
