package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planbook/internal/sitetest"
)

// copySite copies the bundled example site into a temporary folder.
func copySite(t testing.TB) string { return sitetest.Example(t, "../..") }

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file under dir with its bytes and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, _ := d.Info()
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data) + "\x00" + info.ModTime().String()
		return nil
	})
	return files
}

func TestCheckExample(t *testing.T) {
	code, out, errs := runCmd("check", "-s", "../..")
	if code != 0 {
		t.Fatalf("check exited %d:\n%s%s", code, out, errs)
	}
	for _, want := range []string{"Checks:", "new-product-share", "revenue-per-head-growth", "splits", "0 errors",
		"Actuals: 756 rows in 1 file through 2024-09: 10,342.7 万元, 98.6% of the plan to date; full-year projection 13,609 万元"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

// TestBadInputKeepsOutput breaks the plan in several ways: check exits 1
// naming the file and line, and build leaves the previous output exactly
// as it was.
func TestBadInputKeepsOutput(t *testing.T) {
	site := copySite(t)
	out := filepath.Join(site, "public")
	if code, _, errs := runCmd("build", "-s", site); code != 0 {
		t.Fatalf("build exited %d: %s", code, errs)
	}
	before := snapshot(t, out)
	if len(before) < 5 {
		t.Fatalf("build wrote only %d files", len(before))
	}
	breaks := []struct {
		file, old, new, want string
	}{
		{"content/regions/east.toml", `share = "38%"`, `shar = "38%"`, `content/regions/east.toml:9:1: unknown key "shar" (did you mean "share"?)`},
		{"content/plan.toml", `share = "62%"`, `share = 62`, `content/plan.toml:37:1: share 62 is above 1 (did you mean 0.62?)`},
		{"content/plan.toml", `regions = ["east", "south"]`, `regions = ["east", "sooth"]`, `unknown region "sooth" (did you mean "south"?)`},
		{"content/regions/south.toml", `share = "25%"`, `share = "24%"`, `content/regions/: region shares sum to 99%, want 100%`},
		{"content/plan.toml", `title = "`, `title = `, `content/plan.toml:7:`},
		// Found while the pages are rendered, some of them written
		// already into the new output, which goes.
		{"content/regions/east.md", `## 华东大区经营计划`, "## 华东大区经营计划\n\n{{< value \"regions.nowhere.target\" >}}", `content/regions/east.md:3:1: unknown value key "regions.nowhere.target"`},
	}
	for _, b := range breaks {
		name := filepath.Join(site, b.file)
		orig, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(orig), b.old) {
			t.Fatalf("%s does not contain %q", b.file, b.old)
		}
		os.WriteFile(name, []byte(strings.Replace(string(orig), b.old, b.new, 1)), 0o644)

		code, _, errs := runCmd("check", "-s", site)
		if code != 1 || !strings.Contains(errs, b.want) {
			t.Errorf("check after %s → %s: exit %d, want 1 and %q in:\n%s", b.old, b.new, code, b.want, errs)
		}
		code, _, errs = runCmd("build", "-s", site)
		if code != 1 || !strings.Contains(errs, "previous output is unchanged") {
			t.Errorf("build after %s → %s: exit %d:\n%s", b.old, b.new, code, errs)
		}
		after := snapshot(t, out)
		if len(after) != len(before) {
			t.Errorf("failed build changed the number of files: %d → %d", len(before), len(after))
		}
		for k, v := range before {
			if after[k] != v {
				t.Errorf("failed build changed %s", k)
			}
		}
		os.WriteFile(name, orig, 0o644)
	}
	// Nothing is left beside the output folder.
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("temporary folder left behind: %s", e.Name())
		}
	}
}

// TestBuildDeterministic builds the example twice into different folders
// and compares every byte.
func TestBuildDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, _, errs := runCmd("build", "-s", "../..", "-d", filepath.Join(out, "site")); code != 0 {
			t.Fatalf("build: %s", errs)
		}
	}
	sa, sb := readAll(t, filepath.Join(a, "site")), readAll(t, filepath.Join(b, "site"))
	if len(sa) == 0 || len(sa) != len(sb) {
		t.Fatalf("builds differ in files: %d and %d", len(sa), len(sb))
	}
	for k, v := range sa {
		if sb[k] != v {
			t.Errorf("%s differs between two builds", k)
		}
	}
}

func readAll(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(data)
		}
		return nil
	})
	return files
}

// TestUnchangedFilesKeepTheirCopy rebuilds after a change to one region
// and checks that only changed files were written.
func TestUnchangedFilesKeepTheirCopy(t *testing.T) {
	site := copySite(t)
	out := filepath.Join(site, "public")
	runCmd("build", "-s", site)
	first := snapshot(t, out)
	code, stdout, _ := runCmd("build", "-s", site)
	if code != 0 || !strings.Contains(stdout, "(0 written") {
		t.Errorf("second identical build: exit %d, %s", code, stdout)
	}
	second := snapshot(t, out)
	for k, v := range first {
		if second[k] != v {
			t.Errorf("identical rebuild rewrote %s", k)
		}
	}
}

func TestForeignFolderRefused(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	os.WriteFile(mine, []byte("keep me"), 0o644)
	code, _, errs := runCmd("build", "-s", "../..", "-d", dir)
	if code != 1 || !strings.Contains(errs, "not created by planbook") {
		t.Errorf("build into a foreign folder: exit %d: %s", code, errs)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "keep me" {
		t.Errorf("the foreign folder's file was touched: %v %q", err, data)
	}
}

func TestHelpShowsExample(t *testing.T) {
	for _, cmd := range []string{"build", "check", "version"} {
		code, _, errs := runCmd(cmd, "-h")
		if code != 0 || !strings.Contains(errs, "Example:") || !strings.Contains(errs, "planbook "+cmd) {
			t.Errorf("%s -h: exit %d:\n%s", cmd, code, errs)
		}
	}
	code, out, _ := runCmd("version")
	if code != 0 || !strings.HasPrefix(out, "planbook "+version) {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, _ := runCmd("bogus"); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
}

func TestProgressLine(t *testing.T) {
	var out bytes.Buffer
	progress, stop := newProgress(&out, true, "Rendering pages", time.Now().Add(-2*time.Second))
	progress(3, 10)
	progress(10, 10)
	stop()
	if got := out.String(); !strings.Contains(got, "\rRendering pages: 3/10") || !strings.Contains(got, "\rRendering pages: 10/10") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress on a terminal wrote %q", got)
	}
	out.Reset()
	progress, stop = newProgress(&out, true, "Rendering pages", time.Now())
	progress(3, 10) // under a second: quiet
	stop()
	if out.Len() != 0 {
		t.Errorf("progress in the first second wrote %q", out.String())
	}
	if progress, _ := newProgress(&out, false, "x", time.Now().Add(-time.Hour)); progress != nil {
		t.Error("progress off a terminal is not nil")
	}
	// A build prints its one-line summary, and no progress when its output
	// is not a terminal.
	code, stdout, _ := runCmd("build", "-s", "../..", "-d", filepath.Join(t.TempDir(), "out"))
	if code != 0 || strings.Contains(stdout, "\r") || !regexp.MustCompile(`^Built .*: \d+ pages, \d+ charts, \d+ files \(\d+ written, \d+ removed\) in \d+ ms\n$`).MatchString(stdout) {
		t.Errorf("build summary: %q", stdout)
	}
}

// TestAllowHostFlag gives serve's --allow-host twice, once with two names.
func TestAllowHostFlag(t *testing.T) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var l commaList
	fs.Var(&l, "allow-host", "")
	if err := fs.Parse([]string{"--allow-host", "a.example, b.example", "--allow-host=c.example", "--allow-host", ","}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l, " "); got != "a.example b.example c.example" {
		t.Errorf("--allow-host gave %q", got)
	}
}
