package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFolderWritesWhatChanged publishes versions of a site one after the
// other with one Folder: the output is each version whole, with no empty
// folder, and from the third publish on only the files that differ from
// the kept folder's are written. Close leaves nothing beside the output.
func TestFolderWritesWhatChanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	f := NewFolder(out)
	versions := []Files{siteV1, siteV2, siteV3, siteV2, siteV3, siteV3, {}, siteV1}
	prev := Files(nil)
	for i, files := range versions {
		var st Stats
		var err error
		steps := record(t, func() { st, err = f.Publish(files.Site()) })
		if err != nil {
			t.Fatalf("publish %d: %v", i+1, err)
		}
		got, empty := readTree(t, out)
		if !equal(got, files) || len(empty) > 0 {
			t.Errorf("publish %d: output %v, empty folders %v", i+1, names(got), empty)
		}
		if want := Compare(prev.Site(), files.Site()); i > 0 && (st.Written != want.Written || st.Removed != want.Removed || strings.Join(st.Changed, " ") != strings.Join(want.Changed, " ")) {
			t.Errorf("publish %d: stats %+v, want %+v", i+1, st, want)
		}
		var written []string
		for _, s := range steps {
			if name, ok := strings.CutPrefix(s, "file "); ok {
				written = append(written, name)
			}
		}
		if i >= 2 {
			if slices.Contains(steps, "temp") {
				t.Errorf("publish %d assembled a whole new folder", i+1)
			}
			// The kept folder holds the version before the last.
			want := Compare(versions[i-2].Site(), files.Site()).Changed
			if strings.Join(written, " ") != strings.Join(want, " ") {
				t.Errorf("publish %d wrote %v, want %v", i+1, written, want)
			}
		}
		prev = files
	}
	if l := leftovers(t, dir, out); len(l) != 1 {
		t.Errorf("beside the output while publishing: %v, want the kept folder", l)
	}
	f.Close()
	if l := leftovers(t, dir, out); len(l) > 0 {
		t.Errorf("left after Close: %v", l)
	}
}

// TestFolderSeesOthers changes the output behind a Folder's back: a file
// added to it (as planbook pdf adds booklets) does not come back two
// publishes later, and a build that replaced the output meanwhile makes
// the Folder publish in full.
func TestFolderSeesOthers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	f := NewFolder(out)
	defer f.Close()
	f.Publish(siteV1.Site())
	f.Publish(siteV2.Site())
	os.WriteFile(filepath.Join(out, "regions", "east", "booklet.pdf"), []byte("%PDF"), 0o644)
	f.Publish(siteV3.Site()) // the output with the PDF is kept
	if _, err := f.Publish(siteV2.Site()); err != nil {
		t.Fatal(err)
	}
	if got, _ := readTree(t, out); !equal(got, siteV2) {
		t.Errorf("a file added to the output came back: %v", names(got))
	}
	if _, err := Publish(out, nil, siteV1); err != nil { // planbook build, meanwhile
		t.Fatal(err)
	}
	steps := record(t, func() {
		if _, err := f.Publish(siteV3.Site()); err != nil {
			t.Fatal(err)
		}
	})
	if !slices.Contains(steps, "temp") {
		t.Error("after another publish the Folder did not publish in full")
	}
	if got, _ := readTree(t, out); !equal(got, siteV3) {
		t.Errorf("output %v", names(got))
	}
}

// TestFolderRefuses keeps a Folder from replacing what is not planbook's.
func TestFolderRefuses(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "mine")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("keep"), 0o644)
	f := NewFolder(out)
	defer f.Close()
	if _, err := f.Publish(siteV1.Site()); err == nil {
		t.Error("a foreign folder was replaced")
	}
}
