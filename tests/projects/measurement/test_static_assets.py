"""The vendored plotly.js and the stylesheets that keep it from injecting inline styles stay in step."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "static" / "vendor" / "plotly-4.1.1"
CHART_HEAD = ROOT / "templates" / "projects" / "measurement" / "_icons.jinja"


def test_the_vendored_bundle_is_the_version_its_folder_names():
    assert "plotly.js v4.1.1" in (VENDOR / "plotly.min.js").read_text()[:200]
    assert "MIT License" in (VENDOR / "LICENSE").read_text()


def test_the_chart_head_pre_empts_both_stylesheets_plotly_would_inject():
    head = CHART_HEAD.read_text()
    bundle = (VENDOR / "plotly.min.js").read_text()
    sheet_id = (VENDOR / "plotly-maplibre.id").read_text().strip()
    assert f'getElementById("{sheet_id}")' in bundle
    assert f'id="{sheet_id}"' in head
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in head
    assert ".js-plotly-plot .plotly .main-svg" in (VENDOR / "plotly-global.css").read_text()
