"""The JavaScript weight `make bench` reports for a page."""

from pathlib import Path

from benchmarks.weight import javascript_bytes, script_paths

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_pages_own_static_scripts_are_counted_at_their_file_size():
    html = (
        '<script defer src="/static/governance/charts.js?v=1"></script>'
        '<script type="application/json" id="x">{}</script>'
        '<script src="https://elsewhere.example/x.js"></script>'
        '<SCRIPT src="/static/vendor/plotly-basic-4.1.1/plotly.min.js" defer></SCRIPT>'
    )
    assert script_paths(html) == ["governance/charts.js", "vendor/plotly-basic-4.1.1/plotly.min.js"]
    expected = sum(
        (ROOT / "static" / p).stat().st_size
        for p in ("governance/charts.js", "vendor/plotly-basic-4.1.1/plotly.min.js")
    )
    assert javascript_bytes(html) == expected


def test_the_modules_a_script_imports_are_counted_too_once_each():
    script = '<script type="module" src="/static/js/portal.js"></script>'
    html = script + script.replace(' type="module"', "")
    expected = sum(
        (ROOT / "static" / p).stat().st_size
        for p in ("js/portal.js", "vendor/nhsuk-frontend-10.6.1/nhsuk-frontend-10.6.1.min.js")
    )
    assert javascript_bytes(html) == expected
