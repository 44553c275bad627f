package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// siteV1 and siteV2 are two versions of a small site: v2 changes a page,
// keeps the others, adds a folder and renames a page (its folder goes).
var (
	siteV1 = Files{
		"index.html":          []byte("<h1>Plan</h1>"),
		"style.css":           []byte("body{}"),
		"regions/east/a.html": []byte("east"),
		"regions/west/a.html": []byte("west"),
		"notes/index.html":    []byte("notes"),
		"data/plan.json":      []byte("{}\n"),
	}
	siteV2 = Files{
		"index.html":           []byte("<h1>Plan, second version</h1>"),
		"style.css":            []byte("body{}"),
		"regions/east/a.html":  []byte("east"),
		"regions/west/a.html":  []byte("west"),
		"regions/north/a.html": []byte("north"),
		"memo/index.html":      []byte("notes"),
		"data/plan.json":       []byte("{\"v\":2}\n"),
	}
	// siteV3 differs from v1, which a Folder brings up to date to make
	// it: a changed page, a region gone, a deeper folder new.
	siteV3 = Files{
		"index.html":           []byte("<h1>Plan, third version</h1>"),
		"style.css":            []byte("body{}"),
		"regions/east/a.html":  []byte("east"),
		"notes/index.html":     []byte("notes, edited"),
		"notes/deep/more.html": []byte("more"),
		"data/plan.json":       []byte("{\"v\":3}\n"),
	}
)

// readTree reads the folder out: its files by slash path (the marker left
// out), and whether every folder in it holds something.
func readTree(t *testing.T, out string) (Files, []string) {
	t.Helper()
	files := Files{}
	var empty []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				empty = append(empty, rel)
			}
			return nil
		}
		if rel == Marker {
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, empty
}

// equal reports whether two sites hold the same files with the same bytes.
func equal(a, b Files) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if other, ok := b[name]; !ok || string(other) != string(data) {
			return false
		}
	}
	return true
}

// leftovers lists what a folder holds besides out.
func leftovers(t *testing.T, dir, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestPublishReplacesAndKeepsUnchanged(t *testing.T) {
	for _, withOld := range []bool{false, true} {
		dir := t.TempDir()
		out := filepath.Join(dir, "public")
		if _, err := Publish(out, nil, siteV1); err != nil {
			t.Fatal(err)
		}
		before, err := os.Stat(filepath.Join(out, "style.css"))
		if err != nil {
			t.Fatal(err)
		}
		past := time.Now().Add(-time.Hour)
		os.Chtimes(filepath.Join(out, "style.css"), past, past)
		var old Files
		if withOld {
			old = siteV1
		}
		st, err := Publish(out, old, siteV2)
		if err != nil {
			t.Fatal(err)
		}
		got, empty := readTree(t, out)
		if !equal(got, siteV2) {
			t.Errorf("old=%v: the output is not the new site: %v", withOld, got)
		}
		if len(empty) > 0 {
			t.Errorf("old=%v: empty folders left: %v", withOld, empty)
		}
		after, _ := os.Stat(filepath.Join(out, "style.css"))
		if !os.SameFile(before, after) || !after.ModTime().Equal(past) {
			t.Errorf("old=%v: an unchanged file was written again", withOld)
		}
		want := "data/plan.json index.html memo/index.html regions/north/a.html"
		if got := strings.Join(st.Changed, " "); got != want {
			t.Errorf("old=%v: changed %q, want %q", withOld, got, want)
		}
		if st.Files != 7 || st.Written != 4 || st.Unchanged != 3 || st.Removed != 1 {
			t.Errorf("old=%v: stats %+v", withOld, st)
		}
		if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
			t.Errorf("old=%v: no marker: %v", withOld, err)
		}
		if l := leftovers(t, dir, out); len(l) > 0 {
			t.Errorf("old=%v: left beside the output: %v", withOld, l)
		}
	}
}

// TestPublishRefuses checks the outputs planbook does not replace, and
// that refusing changes nothing.
func TestPublishRefuses(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "mine")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep me"), 0o644)
	if _, err := Publish(foreign, nil, siteV1); !errors.Is(err, ErrForeignFolder) {
		t.Errorf("a folder without the marker: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(data) != "keep me" {
		t.Error("the foreign folder was touched")
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := Publish(file, nil, siteV1); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("a file: %v", err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink(foreign, link)
	if _, err := Publish(link, nil, siteV1); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symbolic link: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := Publish(empty, nil, siteV1); err != nil {
		t.Errorf("an empty folder is refused: %v", err)
	}
	out := filepath.Join(dir, "public")
	Publish(out, nil, siteV1)
	for _, bad := range []string{"../escape.html", "a/../b.html", "/abs.html", Marker, "."} {
		files := Files{"index.html": []byte("new"), bad: []byte("x")}
		if _, err := Publish(out, nil, files); err == nil || !strings.Contains(err.Error(), "invalid output path") {
			t.Errorf("path %q: %v", bad, err)
		}
	}
	// A file where the site needs a folder fails while assembling.
	if _, err := Publish(out, nil, Files{"index.html": []byte("new"), "index.html/x": []byte("x")}); err == nil {
		t.Error("a file and a folder of the same name were published")
	}
	if got, _ := readTree(t, out); !equal(got, siteV1) {
		t.Errorf("a refused publish changed the output: %v", got)
	}
	if l := leftovers(t, dir, out); strings.Contains(strings.Join(l, " "), "planbook-new") {
		t.Errorf("a refused publish left %v", l)
	}
}

// TestStaleFoldersRemoved leaves folders beside the output as stopped
// publishes do: the next publish removes those that carry the marker and
// that no publish holds, and nothing else.
func TestStaleFoldersRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Publish(out, nil, siteV1); err != nil {
		t.Fatal(err)
	}
	folder := func(name string, marked bool) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Join(p, "regions"), 0o755)
		os.WriteFile(filepath.Join(p, "regions", "page.html"), []byte("half"), 0o644)
		if marked {
			os.WriteFile(filepath.Join(p, Marker), []byte(markerText), 0o644)
		}
		return p
	}
	stale := []string{folder(".public.planbook-new-111", true), folder(".public.planbook-new-222", true)}
	emptyStale := filepath.Join(dir, ".public.planbook-new-777") // stopped before its marker
	os.Mkdir(emptyStale, 0o700)
	stale = append(stale, emptyStale)
	kept := []string{
		folder(".public.planbook-new-333", false),     // no marker: not ours
		folder(".public-east.planbook-new-444", true), // another output's
		folder("public.planbook-new-555", true),       // not the name planbook gives
	}
	busy := folder(".public.planbook-new-666", true)
	unlock, ok := lock(busy) // a publish under way holds its folder
	if !ok {
		t.Fatal("cannot lock")
	}
	defer unlock()
	kept = append(kept, busy)
	if _, err := Publish(out, siteV1, siteV2); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("stale folder %s not removed", filepath.Base(p))
		}
	}
	for _, p := range kept {
		if data, err := os.ReadFile(filepath.Join(p, "regions", "page.html")); err != nil || string(data) != "half" {
			t.Errorf("folder %s was touched: %v", filepath.Base(p), err)
		}
	}
	if got, _ := readTree(t, out); !equal(got, siteV2) {
		t.Errorf("output: %v", got)
	}
}

// TestAsideOutputPutBack stops a publish, on a system that cannot exchange
// two folders, after it moved the previous output aside: the next publish
// finds the output missing and puts the previous one back first.
func TestAsideOutputPutBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Publish(out, nil, siteV1); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(dir, ".public.planbook-new-123"+asideSuffix)
	if err := os.Rename(out, aside); err != nil {
		t.Fatal(err)
	}
	removeStale(out)
	if got, _ := readTree(t, out); !equal(got, siteV1) {
		t.Fatalf("the previous output was not put back: %v", got)
	}
	if l := leftovers(t, dir, out); len(l) > 0 {
		t.Errorf("left: %v", l)
	}
}

// TestStepsNamed pins the steps a publish goes through, which the kill
// test stops at one by one.
func TestStepsNamed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	Publish(out, nil, siteV1)
	steps := record(t, func() { Publish(out, siteV1, siteV2) })
	var files []string
	for _, s := range steps {
		if name, ok := strings.CutPrefix(s, "file "); ok {
			files = append(files, name)
		}
	}
	sort.Strings(files)
	if len(files) != len(siteV2) || steps[0] != "check" || steps[len(steps)-1] != "remove previous" {
		t.Errorf("steps: %v", steps)
	}
}

// record returns the steps f's publishes went through.
func record(t *testing.T, f func()) []string {
	t.Helper()
	var mu sync.Mutex
	var steps []string
	step = func(name string) {
		mu.Lock()
		steps = append(steps, name)
		mu.Unlock()
	}
	defer func() { step = func(string) {} }()
	f()
	return steps
}
