package main

import (
	"path/filepath"
	"strings"
	"testing"

	"planbook/internal/sitetest"
)

// TestCheckAgreesWithBuild runs check and build over every broken site
// under testdata/bad: both must fail with the same exit status and print
// the same errors and warnings, so that a pull request that passes check
// also builds.
func TestCheckAgreesWithBuild(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/bad/*.txtar")
	if len(files) == 0 {
		t.Fatal("no bad-input cases found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			site := sitetest.Dir(t, sitetest.ArchiveFile(t, file))
			checkCode, _, checkErr := runCmd("check", "-s", site)
			buildCode, _, buildErr := runCmd("build", "-s", site, "-d", filepath.Join(t.TempDir(), "out"))
			if checkCode != buildCode || checkCode != 1 {
				t.Errorf("check exited %d and build %d, want 1 for both\ncheck:\n%s\nbuild:\n%s", checkCode, buildCode, checkErr, buildErr)
			}
			// build ends with a line of its own on what it left on disk.
			diagnostics, _, _ := strings.Cut(buildErr, "build failed: ")
			if checkErr != diagnostics {
				t.Errorf("check and build print different diagnostics\ncheck:\n%s\nbuild:\n%s", checkErr, diagnostics)
			}
		})
	}
}

// TestCheckRoster checks a site with a roster that does not show people:
// check names each person whose quota per unit of weight is off the
// median (the site counts them per team), and a roster error fails it
// with its file, line and column.
func TestCheckRoster(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "people-april", site)
	code, stdout, stderr := runCmd("check", "-s", site)
	if code != 0 || !strings.Contains(stdout, "people-balance           Fei (s2, Shenzhen (South))") {
		t.Errorf("check exited %d and does not name Fei:\n%s%s", code, stdout, stderr)
	}
	replaceIn(t, filepath.Join(site, "content/people.csv"), "s2,Fei,south,sz,", "s2,Fei,south,sx,")
	code, _, stderr = runCmd("check", "-s", site)
	if code != 1 || !strings.Contains(stderr, `content/people.csv:7:14: region "south" has no team "sx" (did you mean "sz"?)`) {
		t.Errorf("check of a bad roster exited %d:\n%s", code, stderr)
	}
}
