"""Every variation and assurance icon has an SVG file with a text alternative matching its label."""

from pathlib import Path
from xml.etree import ElementTree

import pytest

from projects.spc.icons import ASSURANCE_LABELS, VARIATION_LABELS

ICONS = Path(__file__).resolve().parents[3] / "static" / "projects" / "icons"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("folder", "name", "label"),
    [("variation", k, v) for k, v in VARIATION_LABELS.items()]
    + [("assurance", k, v) for k, v in ASSURANCE_LABELS.items()],
)
def test_each_icon_is_an_accessible_svg(folder, name, label):
    root = ElementTree.parse(ICONS / folder / f"{name}.svg").getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == label
    assert root.get("aria-labelledby") == title.get("id")
