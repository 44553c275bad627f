package pipeline_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planbook/generator/pipeline"
)

// TestOutputFolder builds a site into the places -d and planbook.toml's
// output name: an absolute output is used as written, and neither may
// name the site folder, a folder holding it, or one inside content/ or
// themes/; a relative output may not leave the site folder, through ".."
// or a symbolic link. A refused build writes nothing.
func TestOutputFolder(t *testing.T) {
	elsewhere := t.TempDir()
	abs := filepath.Join(elsewhere, "plan-site")
	dir := siteFrom(t, tinySite+"-- planbook.toml --\noutput = \""+filepath.ToSlash(abs)+"\"\n")
	rep, err := pipeline.NewBuilder(pipeline.Options{Site: dir}).Build()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Out != abs {
		t.Errorf("an absolute output went to %s", rep.Out)
	}
	if _, err := os.Stat(filepath.Join(abs, "index.html")); err != nil {
		t.Errorf("nothing at the absolute output: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, strings.TrimPrefix(filepath.ToSlash(abs), "/"))); err == nil {
		t.Error("the absolute output was also written inside the site")
	}
	rep, err = pipeline.NewBuilder(pipeline.Options{Site: dir, Regions: []string{"east"}}).Build()
	if err != nil || rep.Out != abs+"-east" {
		t.Errorf("a site for east's audience went to %s: %v", rep.Out, err)
	}

	os.Symlink(elsewhere, filepath.Join(dir, "linked"))
	for _, c := range []struct{ output, want string }{
		{"linked/out", `planbook.toml:1:1: output ` + filepath.Join(dir, "linked", "out") + ` leaves the site folder`},
		{filepath.ToSlash(filepath.Join(dir, "content", "x")), `planbook.toml:1:1: output ` + filepath.Join(dir, "content", "x") + ` is inside content/`},
		{filepath.ToSlash(filepath.Dir(dir)), `planbook.toml:1:1: output ` + filepath.Dir(dir) + ` holds the site folder`},
		{filepath.ToSlash(dir), `planbook.toml:1:1: output ` + dir + ` is the site folder itself`},
	} {
		os.WriteFile(filepath.Join(dir, "planbook.toml"), []byte("output = \""+c.output+"\"\n"), 0o644)
		_, err := pipeline.NewBuilder(pipeline.Options{Site: dir}).Build()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("output = %q: %v", c.output, err)
		}
		if _, cerr := pipeline.NewBuilder(pipeline.Options{Site: dir}).Check(); cerr == nil || err == nil || cerr.Error() != err.Error() {
			t.Errorf("output = %q: check says %v, build %v", c.output, cerr, err)
		}
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "out")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a refused output was written through the link")
	}

	os.Remove(filepath.Join(dir, "planbook.toml"))
	for _, c := range []struct{ out, want string }{
		{filepath.Join(dir, "content", "site"), "is inside content/"},
		{filepath.Join(dir, "content"), "is inside content/"},
		{filepath.Join(dir, "themes", "x"), "is inside themes/"},
		{dir, "is the site folder itself"},
		{filepath.Dir(dir), "holds the site folder"},
	} {
		_, err := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: c.out}).Build()
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "-d") {
			t.Errorf("-d %s: %v", c.out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "site")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a refused -d was written")
	}
}
