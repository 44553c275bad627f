#!/usr/bin/env bash
# Copies the booklets' print font, Noto Sans SC, into
# themes/default/assets/fonts/noto-sans-sc from the @fontsource/noto-sans-sc
# npm package (the version pinned in package.json), with its licence (SIL
# Open Font License 1.1), then names the files by their weight (names.py:
# the package's files call every weight "Thin"). Needs Node.js and npm,
# and fontTools with Brotli (Debian: python3-fonttools python3-brotli); run
# it after changing the version or the weights in vendor.js, and commit the
# result.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node vendor.js
python3 names.py ../../themes/default/assets/fonts/noto-sans-sc/*.woff2
