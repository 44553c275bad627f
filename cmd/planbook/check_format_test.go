package main

import (
	"encoding/json"
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
