package publish

import (
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

// putAll puts files into a new stage of out, from several goroutines.
func putAll(t *testing.T, out string, files Files) *Stage {
	t.Helper()
	st, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for name, data := range files {
		wg.Go(func() {
			if err := st.Put(name, data); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	return st
}

// TestStage puts a site into a stage file by file and commits it, then a
// second version over it: the output is each version whole, the files
// whose bytes did not change keep their old copy, the stats say what was
// written and removed, and nothing is left beside the output. A stage
// aborted, or put a bad name, leaves the output as it was.
func TestStage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st := putAll(t, out, siteV1)
	if err := st.Wait(); err != nil {
		t.Fatal(err)
	}
	if files, _ := readTree(t, st.Dir()); !equal(files, siteV1) {
		t.Errorf("the stage holds %v before Commit", names(files))
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the output exists before Commit")
	}
	stats, err := st.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if files, _ := readTree(t, out); !equal(files, siteV1) {
		t.Fatalf("after the first commit the output holds %v", names(files))
	}
	if stats.Files != len(siteV1) || stats.Written != len(siteV1) || stats.Removed != 0 {
		t.Errorf("first commit: %+v", stats)
	}
	style, _ := os.Stat(filepath.Join(out, "style.css"))

	st = putAll(t, out, siteV2)
	if err := st.Put("index.html", []byte("again")); err == nil {
		t.Error("a file put twice was taken")
	}
	if err := st.Put("../outside", []byte("x")); err == nil {
		t.Error("a path out of the output was taken")
	}
	stats, err = st.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if files, empty := readTree(t, out); !equal(files, siteV2) || len(empty) > 0 {
		t.Fatalf("after the second commit the output holds %v (empty folders %v)", names(files), empty)
	}
	wantChanged := []string{"data/plan.json", "index.html", "memo/index.html", "regions/north/a.html"}
	if !sort.StringsAreSorted(stats.Changed) || len(stats.Changed) != len(wantChanged) || stats.Unchanged != 3 || stats.Removed != 1 {
		t.Errorf("second commit: %+v, want written %v, 3 kept, 1 removed", stats, wantChanged)
	}
	for i, name := range wantChanged {
		if i < len(stats.Changed) && stats.Changed[i] != name {
			t.Errorf("written: %v, want %v", stats.Changed, wantChanged)
			break
		}
	}
	if kept, _ := os.Stat(filepath.Join(out, "style.css")); !os.SameFile(style, kept) {
		t.Error("an unchanged file was written again, not kept")
	}

	st = putAll(t, out, siteV3)
	st.Abort()
	st.Abort() // twice is harmless
	if files, _ := readTree(t, out); !equal(files, siteV2) {
		t.Errorf("an aborted stage changed the output: %v", names(files))
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		t.Errorf("left beside the output: %v", left)
	}
}
