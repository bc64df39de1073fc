"""The vendored plotly.js and the stylesheets that keep it from injecting inline styles stay in step."""

import re
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "static" / "vendor" / "plotly-basic-4.1.1"
CHART_HEAD = ROOT / "templates" / "governance" / "_head.jinja"


def test_the_vendored_bundle_is_the_basic_bundle_its_folder_names():
    assert "plotly.js (basic - minified) v4.1.1" in (VENDOR / "plotly.min.js").read_text()[:200]
    assert "MIT License" in (VENDOR / "LICENSE").read_text()


def test_the_chart_head_pre_empts_both_stylesheets_plotly_would_inject():
    head = CHART_HEAD.read_text()
    bundle = (VENDOR / "plotly.min.js").read_text()
    sheet_id = (VENDOR / "plotly-maplibre.id").read_text().strip()
    assert f'getElementById("{sheet_id}")' in bundle
    assert f'id="{sheet_id}"' in head
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in head
    assert ".js-plotly-plot .plotly .main-svg" in (VENDOR / "plotly-global.css").read_text()


def test_every_figure_the_portal_draws_uses_only_the_basic_bundles_traces():
    """bar, pie and scatter: a trace of any other type would draw nothing with the vendored bundle."""
    traces = {
        name.lower()
        for name in dir(go)
        if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
    }
    apps = ("projects", "governance", "training", "champions", "facilitation", "dashboards", "community")
    used = set()
    for path in (p for app in apps for p in (ROOT / app).rglob("*.py")):
        text = path.read_text()
        used |= {t for t in re.findall(r'"type": "(\w+)"', text) if t in traces}
        used |= {t.lower() for t in re.findall(r"go\.(\w+)\(", text) if t.lower() in traces}
    assert {"bar", "scatter"} <= used <= {"bar", "pie", "scatter"}
