#!/usr/bin/env bash
# Rebuilds themes/default/assets/vendor/echarts/echarts.min.js from the
# echarts npm package (the versions pinned in package.json) and copies its
# licence. Needs Node.js and npm; run it after changing entry.js or the
# echarts version, and commit the result.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
dest=../../themes/default/assets/vendor/echarts
cp node_modules/echarts/LICENSE "$dest/LICENSE"
cp node_modules/echarts/NOTICE "$dest/NOTICE"
# The bundle includes zrender and tslib too: their licences travel with it.
cp node_modules/zrender/LICENSE "$dest/LICENSE-zrender"
cp node_modules/tslib/LICENSE.txt "$dest/LICENSE-tslib"
{
  echo "echarts $(node -p 'require("./node_modules/echarts/package.json").version')"
  echo "zrender $(node -p 'require("./node_modules/zrender/package.json").version')"
  echo "tslib $(node -p 'require("./node_modules/tslib/package.json").version')"
} > "$dest/VERSION"
