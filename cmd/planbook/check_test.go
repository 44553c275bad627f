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
