package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planbook/internal/sitetest"
)

// TestExportDatedLikeTheBooklets exports the CSV tables of a site as a zip
// archive: its entries carry SOURCE_DATE_EPOCH outside git, the plan's
// commit time inside (as the booklets' cover does), and an invalid
// SOURCE_DATE_EPOCH is refused by export and build alike.
func TestExportDatedLikeTheBooklets(t *testing.T) {
	site := sitetest.Dir(t, sitetest.ArchiveFile(t, "../../testdata/sites/mini.txtar"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if got := zipDate(t, site); !got.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("outside git the entries are dated %v, want SOURCE_DATE_EPOCH's %v", got, time.Unix(1700000000, 0).UTC())
	}
	git(t, site, "init", "-q")
	git(t, site, "add", ".")
	cmd := exec.Command("git", "-c", "user.name=Planner", "-c", "user.email=planner@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Plan")
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "GIT_COMMITTER_DATE=2024-03-01T07:30:00+08:00")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	commit := time.Date(2024, 2, 29, 23, 30, 0, 0, time.UTC)
	if got := zipDate(t, site); !got.Equal(commit) {
		t.Errorf("in git the entries are dated %v, want the commit's %v", got, commit)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	os.RemoveAll(filepath.Join(site, ".git"))
	for _, args := range [][]string{{"export", "-s", site, "--format", "csv", "-o", "-"}, {"build", "-s", site}} {
		if code, _, errs := runCmd(args...); code == 0 || !strings.Contains(errs, `SOURCE_DATE_EPOCH="yesterday" is not a number of seconds`) {
			t.Errorf("%s with SOURCE_DATE_EPOCH=yesterday: exit %d, %s", args[0], code, errs)
		}
	}
}

// zipDate exports the site's CSV tables as a zip archive and returns the
// date of its first entry.
func zipDate(t *testing.T, site string) time.Time {
	t.Helper()
	code, out, errs := runCmd("export", "-s", site, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("export exited %d: %s", code, errs)
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(out)), int64(len(out)))
	if err != nil || len(zr.File) == 0 {
		t.Fatalf("export wrote no zip archive: %v", err)
	}
	return zr.File[0].Modified
}
