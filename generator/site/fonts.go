package site

import (
	"bytes"
	"encoding/binary"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fontFiles are a theme's web fonts split by unicode-range (a CJK font is
// megabytes; split, a page loads only the files for the characters it
// shows). A built site gets only the files its pages can ask for: those
// whose ranges hold a character of a page that links the fonts' style
// sheet.
type fontFiles struct {
	sheets []string    // the style sheets with the @font-face rules, as pages name them ("noto-sans-sc.css")
	groups []fontGroup // files with the same unicode-range (the weights of one subset)
	// bmp gives for each character below U+10000 the set+1 of the groups
	// whose ranges hold it (ranges overlap: ASCII is in two), or 0.
	bmp   []uint16
	sets  [][]int
	wide  []wideRange // groups of the characters above
	files map[string]bool

	// scanned remembers each page's groups from the last render: a page
	// that a page cache gave back unchanged (the same bytes in memory) is
	// not read again.
	mu      sync.Mutex
	scanned map[string]scannedPage
}

// scannedPage is a page read for its characters.
type scannedPage struct {
	data   []byte
	groups []bool
}

// fontGroup is the files of one unicode-range.
type fontGroup struct {
	files []string // asset paths
}

// wideRange maps characters above U+FFFF to a group.
type wideRange struct {
	lo, hi rune
	group  int
}

var (
	fontFaceRule = regexp.MustCompile(`@font-face\s*{([^}]*)}`)
	fontSrcURL   = regexp.MustCompile(`url\(\s*["']?([^"')]+)["']?\s*\)`)
	unicodeRange = regexp.MustCompile(`unicode-range\s*:\s*([^;}]+)`)
)

// findFonts reads the @font-face rules with a unicode-range in the
// theme's style sheets under assets/fonts/.
func findFonts(assets map[string][]byte) *fontFiles {
	ff := &fontFiles{files: map[string]bool{}}
	byRange := map[string]int{}
	names := make([]string, 0, len(assets))
	for name := range assets {
		if strings.HasPrefix(name, "assets/fonts/") && path.Ext(name) == ".css" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, sheet := range names {
		found := false
		for _, m := range fontFaceRule.FindAllSubmatch(assets[sheet], -1) {
			r, src := unicodeRange.FindSubmatch(m[1]), fontSrcURL.FindAllSubmatch(m[1], -1)
			if r == nil || len(src) == 0 {
				continue
			}
			ranges := parseRanges(string(r[1]))
			if ranges == nil {
				continue
			}
			found = true
			key := string(bytes.Join(bytes.Fields(r[1]), nil))
			g, ok := byRange[key]
			if !ok {
				g = len(ff.groups)
				byRange[key] = g
				ff.groups = append(ff.groups, fontGroup{})
				ff.mark(ranges, g)
			}
			for _, u := range src {
				f := path.Join(path.Dir(sheet), string(u[1]))
				ff.groups[g].files = append(ff.groups[g].files, f)
				ff.files[f] = true
			}
		}
		if found {
			ff.sheets = append(ff.sheets, path.Base(sheet))
		}
	}
	if len(ff.groups) == 0 {
		return nil
	}
	return ff
}

// mark records the characters of ranges as the group's.
func (ff *fontFiles) mark(ranges [][2]rune, group int) {
	if ff.bmp == nil {
		ff.bmp = make([]uint16, 0x10000)
	}
	joined := map[uint16]uint16{} // a set+1 → that set with group added, +1
	for _, r := range ranges {
		for c := r[0]; c <= r[1] && c < 0x10000; c++ {
			old := ff.bmp[c]
			set, ok := joined[old]
			if !ok {
				var groups []int
				if old != 0 {
					groups = append(groups, ff.sets[old-1]...)
				}
				ff.sets = append(ff.sets, append(groups, group))
				set = uint16(len(ff.sets))
				joined[old] = set
			}
			ff.bmp[c] = set
		}
		if r[1] >= 0x10000 {
			ff.wide = append(ff.wide, wideRange{max(r[0], 0x10000), r[1], group})
		}
	}
}

// parseRanges reads a unicode-range value: "U+4E00-9FFF, U+3000" (ranges
// with wildcards, "U+4??", are read as their span).
func parseRanges(s string) [][2]rune {
	var out [][2]rune
	for _, part := range strings.Split(s, ",") {
		part = strings.ToUpper(strings.TrimSpace(part))
		hex, ok := strings.CutPrefix(part, "U+")
		if !ok {
			return nil
		}
		lo, hi, dash := strings.Cut(hex, "-")
		if !dash {
			lo, hi = strings.ReplaceAll(hex, "?", "0"), strings.ReplaceAll(hex, "?", "F")
		}
		a, err1 := strconv.ParseUint(lo, 16, 32)
		b, err2 := strconv.ParseUint(hi, 16, 32)
		if err1 != nil || err2 != nil || a > b || b > utf8.MaxRune {
			return nil
		}
		out = append(out, [2]rune{rune(a), rune(b)})
	}
	return out
}

// isFontFile reports whether an asset is one of the split font files,
// which a site gets only when its pages use them.
func (ff *fontFiles) isFontFile(name string) bool {
	return ff != nil && ff.files[name]
}

// used returns the font files that the pages need: every page that names
// one of the fonts' style sheets is read for its characters, on all cores
// (pages unchanged since the last render excepted).
func (ff *fontFiles) used(files map[string][]byte) []string {
	if ff == nil {
		return nil
	}
	ff.mu.Lock()
	defer ff.mu.Unlock()
	scanned := map[string]scannedPage{}
	var todo []string
	for name, data := range files {
		if path.Ext(name) != ".html" || len(data) == 0 || !ff.links(data) {
			continue
		}
		if old, ok := ff.scanned[name]; ok && len(old.data) == len(data) && &old.data[0] == &data[0] {
			scanned[name] = old
			continue
		}
		scanned[name] = scannedPage{data: data, groups: make([]bool, len(ff.groups))}
		todo = append(todo, name)
	}
	var wg sync.WaitGroup
	next := make(chan scannedPage)
	for range workers(len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sp := range next {
				ff.scan(sp.data, sp.groups)
			}
		}()
	}
	for _, name := range todo {
		next <- scanned[name]
	}
	close(next)
	wg.Wait()
	ff.scanned = scanned
	seen := make([]bool, len(ff.groups))
	for _, sp := range scanned {
		for g, ok := range sp.groups {
			seen[g] = seen[g] || ok
		}
	}
	return ff.filesOf(seen)
}

// filesOf returns the files of the groups seen.
func (ff *fontFiles) filesOf(seen []bool) []string {
	var out []string
	for g, ok := range seen {
		if ok {
			out = append(out, ff.groups[g].files...)
		}
	}
	sort.Strings(out)
	return out
}

// fontUse gathers the font files the pages of a render need as each page
// is made, for a render that does not keep its pages (Options.Emit); its
// methods may be called from several goroutines.
type fontUse struct {
	ff   *fontFiles
	mu   sync.Mutex
	seen []bool
}

func (ff *fontFiles) newUse() *fontUse {
	if ff == nil {
		return &fontUse{}
	}
	return &fontUse{ff: ff, seen: make([]bool, len(ff.groups))}
}

// page reads a page for its characters when it names one of the fonts'
// style sheets.
func (u *fontUse) page(name string, data []byte) {
	if u.ff == nil || path.Ext(name) != ".html" || len(data) == 0 || !u.ff.links(data) {
		return
	}
	groups := make([]bool, len(u.ff.groups))
	u.ff.scan(data, groups)
	u.mu.Lock()
	defer u.mu.Unlock()
	for g, ok := range groups {
		u.seen[g] = u.seen[g] || ok
	}
}

// files returns the font files the pages read need.
func (u *fontUse) files() []string {
	if u.ff == nil {
		return nil
	}
	return u.ff.filesOf(u.seen)
}

// links reports whether a page names one of the fonts' style sheets (in
// its head, which is where planbook's templates link them).
func (ff *fontFiles) links(page []byte) bool {
	head := page
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		head = page[:i]
	}
	for _, s := range ff.sheets {
		if bytes.Contains(head, []byte(s)) {
			return true
		}
	}
	return false
}

// scan marks the groups of the characters of text. Every page has
// printable ASCII (digits at least), so the groups of ASCII are always
// marked; the loop skips ASCII eight bytes at a time.
func (ff *fontFiles) scan(text []byte, seen []bool) {
	for c := rune(' '); c <= '~'; c++ {
		ff.see(c, seen)
	}
	for i := 0; i < len(text); {
		if i+8 <= len(text) && binary.LittleEndian.Uint64(text[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		i += n
		ff.see(r, seen)
	}
}

// see marks the groups whose ranges hold r.
func (ff *fontFiles) see(r rune, seen []bool) {
	if r < 0x10000 {
		if set := ff.bmp[r]; set != 0 {
			for _, g := range ff.sets[set-1] {
				seen[g] = true
			}
		}
		return
	}
	for _, w := range ff.wide {
		if r >= w.lo && r <= w.hi {
			seen[w.group] = true
		}
	}
}

// workers returns how many goroutines read n pages.
func workers(n int) int {
	return max(1, min(n, runtime.GOMAXPROCS(0)))
}
