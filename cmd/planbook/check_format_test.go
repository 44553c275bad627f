package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFormatGitHub(t *testing.T) {
	site := filepath.Join(t.TempDir(), "plan")
	writeTestSite(t, "mini", site)
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `share = "45%"`, `shar = "45%"`)
	replaceIn(t, filepath.Join(site, "content/plan.toml"), "start = 2024-01-20", "start = 2023-12-20")
	code, out, errs := runCmd("check", "-s", site, "--format", "github")
	if code != 1 {
		t.Fatalf("check --format github of a broken plan exited %d:\n%s%s", code, out, errs)
	}
	want := "::error file=" + escapeProp(filepath.ToSlash(site)) + "/content/regions/east.toml,line=6,col=1::unknown key \"shar\" (did you mean \"share\"?)%0Ahint: allowed here: "
	if !strings.HasPrefix(out, want) {
		t.Errorf("first annotation:\n got %s\nwant %s…", firstLine(out), want)
	}
	if errs != "" {
		t.Errorf("annotations go to standard output; standard error has:\n%s", errs)
	}

	// A valid plan: its warnings are annotations, then the checks as lines.
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `shar = "45%"`, `share = "45%"`)
	code, out, _ = runCmd("check", "-s", site, "--format", "github")
	if code != 0 {
		t.Fatalf("check --format github of a valid plan exited %d:\n%s", code, out)
	}
	for _, want := range []string{"Checks:", "promotion-dates", "ok       splits", "0 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "::warning ") && !strings.HasPrefix(line, "::error ") {
			t.Errorf("malformed annotation: %s", line)
		}
	}
}

func escapeProp(s string) string {
	return strings.NewReplacer("%", "%25", ":", "%3A", ",", "%2C").Replace(s)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestCheckFormatJSON(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	type result struct {
		Errors, Warnings []struct {
			File          string
			Line, Col     int
			Message, Hint string
		}
		Checks []struct{ Level, Code, Message string }
	}
	code, out, _ := runCmd("check", "-s", site, "--format", "json")
	var ok result
	if err := json.Unmarshal([]byte(out), &ok); err != nil || code != 0 {
		t.Fatalf("check --format json of a valid plan: exit %d, %v:\n%s", code, err, out)
	}
	if len(ok.Errors) != 0 || len(ok.Checks) < 3 || ok.Checks[0].Code != "new-product-share" || ok.Checks[0].Level != "ok" {
		t.Errorf("valid plan: %+v", ok)
	}
	if !strings.Contains(out, `"errors": []`) || !strings.Contains(out, `"warnings": []`) {
		t.Errorf("empty lists must be [] rather than null:\n%s", out)
	}

	replaceIn(t, filepath.Join(site, "content/plan.toml"), `share = "60%"`, `share = 60`)
	code, out, _ = runCmd("check", "-s", site, "--format", "json")
	var bad result
	if err := json.Unmarshal([]byte(out), &bad); err != nil || code != 1 {
		t.Fatalf("check --format json of a broken plan: exit %d, %v:\n%s", code, err, out)
	}
	if len(bad.Errors) != 1 || len(bad.Checks) != 0 {
		t.Fatalf("broken plan: %+v", bad)
	}
	e := bad.Errors[0]
	if e.File != "content/plan.toml" || e.Line != 27 || e.Col != 1 || e.Message != "share 60 is above 1 (did you mean 0.6?)" || !strings.Contains(e.Hint, "fractions of 1") {
		t.Errorf("error: %+v", e)
	}

	if code, _, errs := runCmd("check", "-s", site, "--format", "yaml"); code != 2 || !strings.Contains(errs, "unknown format") {
		t.Errorf("unknown format: exit %d: %s", code, errs)
	}
}

func TestNewCommandsHelp(t *testing.T) {
	for _, cmd := range []string{"diff", "export"} {
		code, _, errs := runCmd(cmd, "-h")
		if code != 0 || !strings.Contains(errs, "Example:") || !strings.Contains(errs, "planbook "+cmd) {
			t.Errorf("%s -h: exit %d:\n%s", cmd, code, errs)
		}
		if _, out, _ := runCmd("help"); !strings.Contains(out, "  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, out)
		}
	}
}

// TestCheckAnnotatesEveryMember checks that shares that do not add up are
// annotated on the line of every member, each with the whole message, so
// that a pull request shows the problem where it can be fixed.
func TestCheckAnnotatesEveryMember(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `share = "45%"`, `share = "44%"`)
	code, out, _ := runCmd("check", "-s", site, "--format", "github")
	if code != 1 {
		t.Fatalf("check --format github: exit %d:\n%s", code, out)
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "region shares sum to 99%25") {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("want an annotation on each region's share, got:\n%s", out)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") || !strings.Contains(l, ".toml,line=") || !strings.Contains(l, "%0Ahere: ") {
			t.Errorf("annotation without its member's file and line: %s", l)
		}
	}
	if !strings.Contains(out, "/content/regions/east.toml,line=") || !strings.Contains(out, "here: east 44%25") {
		t.Errorf("no annotation on east's share:\n%s", out)
	}

	// In the terminal: one error, a note per member.
	_, _, errs := runCmd("check", "-s", site)
	if strings.Count(errs, "region shares sum to 99%") != 1 || !strings.Contains(errs, "note: content/regions/east.toml:") {
		t.Errorf("terminal output:\n%s", errs)
	}
}

// TestCheckCountsEveryError checks that the summary counts the errors left
// out of a long list too.
func TestCheckCountsEveryError(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	var extra strings.Builder
	for i := 0; i < 70; i++ {
		fmt.Fprintf(&extra, "key%02d = 1\n", i)
	}
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `share = "45%"`, "share = \"45%\"\n"+extra.String())
	code, out, errs := runCmd("check", "-s", site)
	if code != 1 || !strings.Contains(out, "70 errors") {
		t.Errorf("check: exit %d, want 70 errors counted:\n%s", code, out)
	}
	if n := strings.Count(errs, "unknown key"); n != 50 || !strings.Contains(errs, "20 more errors in this file from this line on, not shown") {
		t.Errorf("%d errors shown, want 50 and a line for the 20 more:\n%s", n, errs)
	}
}

// TestRegionFlagTooLong checks that a --region id longer than an id may be
// is refused as such, before anything is read or written.
func TestRegionFlagTooLong(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	id := strings.Repeat("a", 250)
	for _, cmd := range []string{"build", "pdf"} {
		code, _, errs := runCmd(cmd, "-s", site, "--region", id)
		if code != 2 || !strings.Contains(errs, "is too long: 250 characters, at most 64") || strings.Contains(errs, "lstat") {
			t.Errorf("%s --region %d×a: exit %d:\n%s", cmd, len(id), code, errs)
		}
	}
	// Four ids of 64 characters make an output folder name of over 255
	// bytes. (The site's own regions are in it too, so that nothing is
	// left out of it.)
	args := []string{"build", "-s", site, "--region", "east", "--region", "north", "--region", "south"}
	for _, c := range "wxyz" {
		id := strings.Repeat(string(c), 64)
		region := "name = \"R\"\nstage = \"mature\"\nshare = \"0%\"\n"
		if err := os.WriteFile(filepath.Join(site, "content/regions", id+".toml"), []byte(region), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--region", id)
	}
	code, _, errs := runCmd(args...)
	if code != 1 || !strings.Contains(errs, "longer than a file name may be (255): give the output folder with -d") {
		t.Errorf("build for four regions of 64 characters: exit %d:\n%s", code, errs)
	}
}
