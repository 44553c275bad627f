package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// hostile are terminal control sequences: set the window title, clear the
// screen.
const hostile = "\x1b]0;pwned\a\x1b[2J"

// TestNoTerminalEscapes puts control sequences in a name and in a broken
// line of the plan: check prints them escaped, in the error's source line
// and in the checks list, and the caret stays under the column.
func TestNoTerminalEscapes(t *testing.T) {
	site := copySite(t)
	plan := filepath.Join(site, "content/plan.toml")
	replaceIn(t, plan, `name = "春节备货促销"`, `name = "春节备货促销\u001b]0;pwned\u0007\u001b[2J"`)
	code, stdout, stderr := runCmd("check", "-s", site)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\a") {
		t.Errorf("check prints control characters of a promotion's name:\n%q", stdout)
	}
	if !strings.Contains(stdout, `春节备货促销\x1b]0;pwned\x07\x1b[2J`) {
		t.Errorf("check does not show the promotion's name escaped:\n%s", stdout)
	}

	replaceIn(t, plan, `name = "春节备货促销`, "shar = 1 # "+hostile+"\nname = \"春节备货促销")
	for _, format := range []string{"text", "github", "json"} {
		code, stdout, stderr = runCmd("check", "-s", site, "--format", format)
		if code != 1 {
			t.Fatalf("check --format %s of a broken plan: exit %d\n%s%s", format, code, stdout, stderr)
		}
		if strings.ContainsAny(stdout+stderr, "\x1b\a") {
			t.Errorf("check --format %s prints control characters of the file:\n%q\n%q", format, stdout, stderr)
		}
	}
	code, _, stderr = runCmd("check", "-s", site)
	lines := strings.Split(stderr, "\n")
	for i, line := range lines {
		if strings.Contains(line, `| shar = 1 # \x1b]0;pwned\x07\x1b[2J`) && i+1 < len(lines) {
			// The caret line keeps the layout: its bar under the bar and
			// the caret inside the line as shown (diag's tests pin the
			// column).
			caret := lines[i+1]
			if strings.Index(caret, "|") != strings.Index(line, "|") || !strings.HasSuffix(caret, "^") || len(caret) > len(line) {
				t.Errorf("caret line %q does not fit %q", caret, line)
			}
			return
		}
	}
	t.Errorf("check does not show the broken line escaped:\n%s", stderr)
}

// TestCheckJSONSource gives each error of check --format json its source
// line as the terminal shows it.
func TestCheckJSONSource(t *testing.T) {
	site := t.TempDir()
	writeTestSite(t, "mini", site)
	replaceIn(t, filepath.Join(site, "content/plan.toml"), `share = "60%"`, `share = 60`)
	_, out, _ := runCmd("check", "-s", site, "--format", "json")
	var res struct {
		Errors []struct{ Source []string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Errors) != 1 {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got := strings.Join(res.Errors[0].Source, "\n"); got != "27 | share = 60\n   | ^" {
		t.Errorf("source %q", got)
	}
}
