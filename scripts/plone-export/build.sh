#!/usr/bin/env bash
# Rebuild the Plone export fixture: a throwaway Zope instance, a bilingual Plone 6.2 site with
# plone.app.multilingual built by build_site.py, exported by collective.exportimport's views.
# Usage: PLONE_VENV=/path/to/plone-venv scripts/plone-export/build.sh [OUTPUT_DIR]
# (see README.md beside this file; the default output is tests/plone_import/export/).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${PLONE_VENV:-$REPO/var/plone-venv}"
OUT="${1:-$REPO/tests/plone_import/export}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/plone-export.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/zconsole" ]; then
    echo "No Plone virtualenv at $VENV (set PLONE_VENV; README.md says how to make one)." >&2
    exit 1
fi

# A fresh instance each time: nothing from an earlier run leaks into the export.
"$VENV/bin/mkwsgiinstance" -d "$WORK/instance" -u admin:admin >/dev/null
sed -i "s|path \$INSTANCE/var/Data.fs|path \$INSTANCE/var/Data.fs\n     blob-dir \$INSTANCE/var/blobstorage|" \
    "$WORK/instance/etc/zope.conf"

export COLLECTIVE_EXPORTIMPORT_CENTRAL_DIRECTORY="$WORK/export"
export TZ=Europe/Berlin
mkdir -p "$WORK/export"
"$VENV/bin/zconsole" run "$WORK/instance/etc/zope.conf" "$HERE/build_site.py"

mkdir -p "$OUT"
rm -f "$OUT"/*.json
cp "$WORK/export"/*.json "$OUT/"
"$VENV/bin/python" "$HERE/describe_export.py" "$OUT"
echo "Export written to $OUT:"
ls -l "$OUT"
