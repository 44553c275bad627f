package site

import (
	"slices"
	"testing"

	"planbook/themes"
)

// testFonts is a font split in three files by unicode-range, two of them
// holding ASCII, in two weights.
var testFonts = map[string][]byte{
	"assets/fonts/f/f.css": []byte(`
@font-face{font-family:"F";font-weight:400;src:url(f-latin-400.woff2) format("woff2");unicode-range:U+0000-00FF,U+2014}
@font-face{font-family:"F";font-weight:400;src:url(f-1-400.woff2) format("woff2");unicode-range:U+0020-007E,U+4E00-4E0F}
@font-face{font-family:"F";font-weight:400;src:url("f-2-400.woff2") format("woff2");unicode-range:U+5E74, U+1F3??}
@font-face{font-family:"F";font-weight:700;src:url(f-2-700.woff2) format("woff2");unicode-range:U+5E74, U+1F3??}
@font-face{font-family:"G";src:url(g.woff2)}`),
	"assets/fonts/f/f-latin-400.woff2": {1},
	"assets/fonts/f/f-1-400.woff2":     {2},
	"assets/fonts/f/f-2-400.woff2":     {3},
	"assets/fonts/f/f-2-700.woff2":     {4},
	"assets/fonts/f/g.woff2":           {5},
}

func TestFontsUsed(t *testing.T) {
	ff := findFonts(testFonts)
	if ff == nil {
		t.Fatal("no fonts found")
	}
	if !ff.isFontFile("assets/fonts/f/f-2-700.woff2") || ff.isFontFile("assets/fonts/f/g.woff2") || ff.isFontFile("assets/fonts/f/f.css") {
		t.Error("the split files are the ones with a unicode-range")
	}
	page := func(body string) []byte {
		return []byte(`<html><head><link rel="stylesheet" href="../f/f.css"></head><body>` + body + `</body></html>`)
	}
	ascii := []string{"assets/fonts/f/f-1-400.woff2", "assets/fonts/f/f-latin-400.woff2"}
	cases := []struct {
		name  string
		pages map[string][]byte
		want  []string
	}{
		{"ASCII is in two files", map[string][]byte{"a.html": page("Plan 2024")}, ascii},
		{"a character of the second range, both weights", map[string][]byte{"a.html": page("2024年")},
			append([]string{"assets/fonts/f/f-2-400.woff2", "assets/fonts/f/f-2-700.woff2"}, ascii...)},
		{"a character above U+FFFF, in a script", map[string][]byte{"a.html": page(`<script type="application/json">{"x":"🌀"}</script>`)},
			append([]string{"assets/fonts/f/f-2-400.woff2", "assets/fonts/f/f-2-700.woff2"}, ascii...)},
		{"a page without the style sheet does not count", map[string][]byte{
			"a.html": page("x"), "b.html": []byte(`<html><head></head><body>年</body></html>`), "c.css": []byte("年")}, ascii},
		{"no page links the fonts", map[string][]byte{"b.html": []byte("年")}, nil},
	}
	for _, c := range cases {
		got := ff.used(c.pages)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}

	// A page given back unchanged by a page cache is not read again; a
	// page with new bytes is.
	pages := map[string][]byte{"a.html": page("x"), "b.html": page("年")}
	first := ff.used(pages)
	kept := ff.scanned["b.html"].groups
	pages["a.html"] = page("y")
	if got := ff.used(pages); !slices.Equal(got, first) {
		t.Errorf("after a change that adds no character: %v, want %v", got, first)
	}
	if &ff.scanned["b.html"].groups[0] != &kept[0] {
		t.Error("the unchanged page was read again")
	}
	pages["b.html"] = page("—")
	if got := ff.used(pages); !slices.Equal(got, ascii) {
		t.Errorf("after the page lost its character: %v, want %v", got, ascii)
	}
}

func TestParseRanges(t *testing.T) {
	for in, want := range map[string][][2]rune{
		"U+4E00-9FFF":       {{0x4e00, 0x9fff}},
		"u+20, U+3000-303F": {{0x20, 0x20}, {0x3000, 0x303f}},
		"U+4??":             {{0x400, 0x4ff}},
	} {
		if got := parseRanges(in); !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", in, got, want)
		}
	}
	for _, bad := range []string{"", "4E00", "U+9FFF-4E00", "U+110000", "U+XYZ"} {
		if got := parseRanges(bad); got != nil {
			t.Errorf("%q: got %v, want nil", bad, got)
		}
	}
}

// TestThemeFonts: the built-in theme's print font is split by
// unicode-range, and the example's Chinese text needs only some of its
// files.
func TestThemeFonts(t *testing.T) {
	th, errs := LoadTheme(nil, "", themes.Default)
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	if th.fonts == nil || len(th.fonts.groups) < 100 {
		t.Fatalf("the built-in theme's font is not split by unicode-range")
	}
	page := []byte(`<html><head><link rel="stylesheet" href="../../assets/fonts/noto-sans-sc/noto-sans-sc.css"></head><body>华东大区 2024年 第 1 页 / 共 14 页</body></html>`)
	used := th.fonts.used(map[string][]byte{"regions/east/booklet.html": page})
	all := 0
	for name := range th.Assets {
		if th.fonts.isFontFile(name) {
			all++
		}
	}
	if len(used) < 4 || len(used) >= all/4 {
		t.Errorf("%d of %d font files used by a line of Chinese text", len(used), all)
	}
}
