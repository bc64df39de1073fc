"""Copy plotly.js into static/vendor/ and write the stylesheets that plotly.js would otherwise inject
inline (which the Content Security Policy forbids).

The portal draws only bar, pie and scatter traces, so it serves plotly.js's basic bundle (1.2 MB, against
4.8 MB for the full one): `npm pack plotly.js-basic-dist-min@<version>`, unpack it and run
`python scripts/vendor_plotly.py package/plotly-basic.min.js`. Without an argument the full bundle of the
installed `plotly` Python package is copied instead.

plotly.js adds its global CSS rules to a <style id="plotly.js-style-global"> element unless an element
with that id and the class `no-inline-styles` already exists, and appends maplibre's map styles as a
<style> with a fixed hex id unless an element with that id exists. The chart pages link both stylesheets
with those ids (templates/governance/_head.jinja).
Run after upgrading plotly: `python scripts/vendor_plotly.py`, then update the ids in
templates/governance/_head.jinja.
"""

import ast
import re
import shutil
import sys
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""


def bundle_version(text: str) -> str:
    match = re.search(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", text[:500])
    if not match:
        raise SystemExit("cannot find the plotly.js version in the bundle's header")
    return match.group(1)


def global_rules(text: str) -> list[tuple[str, str]]:
    """The selector -> declarations object plotly.js feeds to addStyleRule, with its X and Y expanded."""
    match = re.search(r'=\{"X,X div".*?\};for\((\w+) in (\w+)\)', text, re.S)
    if not match:
        raise SystemExit("cannot find plotly.js's global style rules in the bundle")
    body = match.group(0)
    rules = []
    for key, value in re.findall(STRING + r"\s*:\s*" + STRING, body):
        selector = ast.literal_eval(key)
        selector = (
            (" " + selector if selector.startswith(",") else selector)
            .replace("X", ".js-plotly-plot .plotly")
            .replace("Y", ".plotly-notifier")
        )
        rules.append((selector, ast.literal_eval(value)))
    return rules


MIT = """MIT License

{copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""


def bundle_copyright(text: str) -> str:
    match = re.search(r"Copyright [^\n*]+", text[:500])
    return match.group(0).strip() if match else "Copyright Plotly, Inc."


def injected_sheets(text: str) -> list[tuple[str, str]]:
    """Stylesheets the bundle appends as <style id="..."> unless an element with that id exists
    (maplibre's map styles): (id, css)."""
    pattern = (
        r'getElementById\("(?P<id>[0-9a-f]{16,})"\)\)\{var (?P<v>\w+)=document\.createElement\("style"\);'
        r"(?P=v)\.id=\"(?P=id)\",(?P=v)\.textContent=" + STRING
    )
    return [(m.group("id"), ast.literal_eval(m.group(3))) for m in re.finditer(pattern, text)]


def main() -> None:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLE
    text = bundle.read_text(encoding="utf-8")
    version = bundle_version(text)
    basic = "(basic" in text[:200]
    target = ROOT / "static" / "vendor" / f"plotly-{'basic-' if basic else ''}{version}"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, target / "plotly.min.js")
    css = [f"/* plotly.js {version} global styles, extracted by scripts/vendor_plotly.py */"]
    css += [f"{selector} {{{declarations}}}" for selector, declarations in global_rules(text)]
    (target / "plotly-global.css").write_text("\n".join(css) + "\n", encoding="utf-8")
    sheets = injected_sheets(text)
    if len(sheets) != 1:
        raise SystemExit(f"expected one self-injected stylesheet in the bundle, found {len(sheets)}")
    sheet_id, sheet_css = sheets[0]
    (target / "plotly-maplibre.css").write_text(sheet_css + "\n", encoding="utf-8")
    (target / "plotly-maplibre.id").write_text(sheet_id + "\n", encoding="utf-8")
    (target / "LICENSE").write_text(MIT.format(copyright=bundle_copyright(text)), encoding="utf-8")
    source = (
        f"plotly.js basic bundle {version} (npm plotly.js-basic-dist-min): bar, pie and scatter traces"
        if basic
        else f"plotly.js {version} (from the plotly {plotly.__version__} Python package)"
    )
    (target / "VERSION").write_text(source + "\n")
    print(f"plotly.js {version} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
