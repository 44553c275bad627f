// Copies Noto Sans SC from the @fontsource/noto-sans-sc package into the
// theme: the woff2 files of the weights below (TrueType outlines, which
// Chromium embeds in PDFs as named CID TrueType fonts) and one style sheet
// of @font-face rules naming them by unicode-range, so that a page loads
// only the files for the characters it shows. The woff fallbacks are left
// out: every browser that prints planbook's booklets reads woff2.
'use strict';
const fs = require('fs');
const path = require('path');

const weights = ['400', '700'];
const pkg = path.join(__dirname, 'node_modules', '@fontsource', 'noto-sans-sc');
const dest = path.join(__dirname, '..', '..', 'themes', 'default', 'assets', 'fonts', 'noto-sans-sc');

fs.rmSync(dest, { recursive: true, force: true });
fs.mkdirSync(dest, { recursive: true });
const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
let css = `/* Noto Sans SC ${version} (@fontsource/noto-sans-sc), SIL Open Font License 1.1: see LICENSE.
   Written by tools/fonts/vendor.js; do not edit. */\n`;
let files = 0;
for (const weight of weights) {
  const source = fs.readFileSync(path.join(pkg, `${weight}.css`), 'utf8');
  for (const block of source.match(/@font-face\s*{[^}]*}/g)) {
    const file = block.match(/url\(\.\/files\/([^)]+\.woff2)\)/)[1];
    const range = block.match(/unicode-range:\s*([^;]+);/)[1].trim();
    fs.copyFileSync(path.join(pkg, 'files', file), path.join(dest, file));
    files++;
    css += `@font-face{font-family:"Noto Sans SC";font-style:normal;font-weight:${weight};font-display:swap;` +
      `src:url(${file}) format("woff2");unicode-range:${range}}\n`;
  }
}
fs.writeFileSync(path.join(dest, 'noto-sans-sc.css'), css);
fs.copyFileSync(path.join(pkg, 'LICENSE'), path.join(dest, 'LICENSE'));
fs.writeFileSync(path.join(dest, 'VERSION'), `@fontsource/noto-sans-sc ${version}\n`);
console.log(`${files} font files and noto-sans-sc.css in ${path.relative(process.cwd(), dest)}`);
