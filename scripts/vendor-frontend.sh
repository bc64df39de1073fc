#!/usr/bin/env bash
# Copy the built NHS.UK frontend and axe-core files from npm into the repository, at pinned versions.
# The NHS.UK stylesheet points at /assets/…; we rewrite those to paths relative to the stylesheet so
# that they are served (with hashed names) from static/vendor/ like everything else.
set -euo pipefail
NHSUK_VERSION=10.6.1
AXE_VERSION=4.14.1
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "nhsuk-frontend@${NHSUK_VERSION}" "axe-core@${AXE_VERSION}" >/dev/null
mkdir nhsuk axe
tar -xzf "nhsuk-frontend-${NHSUK_VERSION}.tgz" -C nhsuk
tar -xzf "axe-core-${AXE_VERSION}.tgz" -C axe

dest="$top/static/vendor/nhsuk-frontend-${NHSUK_VERSION}"
rm -rf "$dest" && mkdir -p "$dest"
dist=nhsuk/package/dist/nhsuk
cp "$dist/nhsuk-frontend-${NHSUK_VERSION}.min.js" "$dist/nhsuk-frontend-${NHSUK_VERSION}.min.js.map" "$dest/"
sed 's#url(/assets/#url(assets/#g' "$dist/nhsuk-frontend-${NHSUK_VERSION}.min.css" > "$dest/nhsuk-frontend-${NHSUK_VERSION}.min.css"
sed -i '/sourceMappingURL/d' "$dest/nhsuk-frontend-${NHSUK_VERSION}.min.css"
# The licensed Frutiger font is only on the NHS's own asset host (no npm package carries it), and pages
# load nothing from another host: drop its @font-face rules, so the stack falls back to Arial as NHS.UK
# specifies for when Frutiger is not available.
sed -i -E 's#@font-face\{[^}]*assets\.nhs\.uk[^}]*\}##g' "$dest/nhsuk-frontend-${NHSUK_VERSION}.min.css"
cp -r "$dist/assets" "$dest/assets"
cp nhsuk/package/LICENSE* "$dest/" 2>/dev/null || true
printf 'nhsuk-frontend %s from npm (dist/nhsuk); stylesheet asset paths made relative, the remote Frutiger @font-face rules and the source map left out.\n' \
  "$NHSUK_VERSION" > "$dest/VERSION"

axe_dest="$top/tests/browser/vendor/axe-core-${AXE_VERSION}"
rm -rf "$axe_dest" && mkdir -p "$axe_dest"
cp axe/package/axe.min.js axe/package/LICENSE "$axe_dest/"
printf 'axe-core %s from npm.\n' "$AXE_VERSION" > "$axe_dest/VERSION"
echo "Vendored nhsuk-frontend ${NHSUK_VERSION} and axe-core ${AXE_VERSION}."
