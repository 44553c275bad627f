#!/usr/bin/env python3
"""Names the vendored Noto Sans SC files by their weight.

@fontsource/noto-sans-sc 5.0.19 and later (TrueType outlines) cut each
weight from Google Fonts' variable Noto Sans SC and keep the name of its
default instance, Thin, whatever the weight: the regular file calls
itself "Noto Sans SC Thin" / "NotoSansSCThin-Regular", and a PDF lists
its fonts by those names. The earlier releases with the right names have
CFF outlines, which Chromium prints as unnamed Type 3 fonts. This script
takes "Thin" out of every name record of the files given (family, full
name, unique id, PostScript name), leaving outlines, metrics and style
bits as they are, and writes each file back as woff2.

Needs fontTools and Brotli (Debian: apt-get install python3-fonttools
python3-brotli). Run by vendor.sh; running it again changes nothing.
"""
import sys

from fontTools.ttLib import TTFont


def rename(path):
    font = TTFont(path)
    changed = False
    for record in font["name"].names:
        text = record.toUnicode()
        fixed = text.replace("Noto Sans SC Thin", "Noto Sans SC").replace("NotoSansSCThin", "NotoSansSC")
        if fixed != text:
            record.string = fixed
            changed = True
    if changed:
        font.flavor = "woff2"
        font.save(path, reorderTables=False)
    return changed


def main(paths):
    n = sum(rename(p) for p in paths)
    print(f"{n} of {len(paths)} font files renamed")


if __name__ == "__main__":
    main(sys.argv[1:])
