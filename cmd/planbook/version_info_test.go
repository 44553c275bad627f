package main

import (
	"debug/buildinfo"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionText prints what a build recorded: the module version, the
// revision with its time and whether the tree was modified, or that the
// revision was not recorded.
func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Path: "planbook", Version: "v0.0.0-20250301101500-0123456789ab+dirty"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2025-03-01T10:15:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	got := versionText(info)
	for _, want := range []string{"planbook " + version + "\n", "module    planbook v0.0.0-20250301101500-0123456789ab+dirty\n",
		"revision  0123456789abcdef0123456789abcdef01234567 (2025-03-01T10:15:00Z, modified)\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("version lacks %q:\n%s", want, got)
		}
	}
	got = versionText(&debug.BuildInfo{Main: debug.Module{Path: "planbook", Version: "(devel)"}})
	if !strings.Contains(got, "module    planbook (devel)\n") || !strings.Contains(got, "revision  (not recorded") {
		t.Errorf("version without a revision:\n%s", got)
	}
}

// TestVersionOfABuild builds the program with version control
// information and runs planbook version: it prints the module version and
// revision the binary records, and in a git clone that revision is the
// commit checked out.
func TestVersionOfABuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "planbook")
	if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Skipf("go build: %v\n%s", err, out)
	}
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "module    planbook " + info.Main.Version + "\n"; !strings.Contains(string(out), want) {
		t.Errorf("version lacks %q:\n%s", want, out)
	}
	for _, s := range info.Settings {
		if s.Key != "vcs.revision" {
			continue
		}
		if !strings.Contains(string(out), "revision  "+s.Value) {
			t.Errorf("version lacks the revision %s:\n%s", s.Value, out)
		}
		if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil && strings.TrimSpace(string(head)) != s.Value {
			t.Errorf("the binary records revision %s, git has %s checked out", s.Value, head)
		}
		return
	}
	t.Logf("this build records no revision (GOFLAGS=-buildvcs=false, or a git worktree, whose .git is a file): checked the module version only:\n%s", out)
}
