package diag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestBlockingFirst checks that a file that could not be read is reported
// before everything else, whatever the file names.
func TestBlockingFirst(t *testing.T) {
	l := &List{}
	l.Add(Diagnostic{Level: Error, File: "content/actuals/a.csv", Line: 2, Message: "unknown region \"east\""})
	l.Add(Diagnostic{Level: Error, File: "content/regions/east.toml", Line: 3, Col: 9, Message: "text is not closed", Blocking: true})
	l.Add(Diagnostic{Level: Error, File: "content/plan.toml", Line: 1, Message: "unknown key"})
	var got []string
	for _, d := range l.Errors() {
		got = append(got, d.File)
	}
	if want := "content/regions/east.toml content/actuals/a.csv content/plan.toml"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

// TestCapPerFile checks that each file shows at most MaxPerFile errors,
// then one line saying how many more, while Count counts them all.
func TestCapPerFile(t *testing.T) {
	l := &List{}
	for i := 1; i <= 70; i++ {
		l.Add(Diagnostic{Level: Error, File: "a.toml", Line: i, Message: fmt.Sprintf("error %d", i)})
	}
	l.Add(Diagnostic{Level: Error, File: "b.toml", Line: 1, Message: "one"})
	l.Add(Diagnostic{Level: Warning, File: "a.toml", Line: 1, Message: "a warning"})
	errs := l.Errors()
	if len(errs) != MaxPerFile+2 {
		t.Fatalf("%d errors shown, want %d", len(errs), MaxPerFile+2)
	}
	more := errs[MaxPerFile]
	if more.File != "a.toml" || more.Line != MaxPerFile+1 || more.Message != "20 more errors in this file from this line on, not shown" {
		t.Errorf("the line for the rest: %+v", more)
	}
	if errs[MaxPerFile+1].File != "b.toml" || l.Count(Error) != 71 || l.Count(Warning) != 1 || len(l.Warnings()) != 1 {
		t.Errorf("b.toml's error, or the counts: %v, %d errors, %d warnings", errs[MaxPerFile+1], l.Count(Error), l.Count(Warning))
	}
}

func TestIDs(t *testing.T) {
	var ids []string
	for i := 0; i < 25; i++ {
		ids = append(ids, fmt.Sprintf("r%02d", i))
	}
	if got := IDs(ids[:3]); got != "r00, r01, r02" {
		t.Errorf("IDs(3) = %s", got)
	}
	if got := IDs(ids); !strings.HasSuffix(got, ", r19 and 5 more") || strings.Count(got, ",") != 19 {
		t.Errorf("IDs(25) = %s", got)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("[", 80000)
	if got := Excerpt(long, 36); len(got) != MaxExcerpt+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("a long line is cut after %d bytes: got %d bytes", MaxExcerpt, len(got))
	}
	if got := Excerpt(long, 5000); got != "" {
		t.Errorf("a column past the excerpt quotes no line, got %d bytes", len(got))
	}
	cjk := strings.Repeat("华", 100) // 300 bytes: cut on a character boundary
	if got := Excerpt(cjk, 1); !strings.HasSuffix(got, "华…") {
		t.Errorf("cut inside a character: %q", got[len(got)-8:])
	}
	if got := Excerpt("share = 1", 3); got != "share = 1" {
		t.Errorf("a short line: %q", got)
	}
}

// TestNotes checks how the places a diagnostic concerns print: a line
// each in the terminal, at most MaxNotes of them.
func TestNotes(t *testing.T) {
	d := Diagnostic{Level: Error, File: "content/regions/", Message: "region shares sum to 99%", Hint: "1% is not assigned"}
	for i := 0; i < MaxNotes+3; i++ {
		d.Notes = append(d.Notes, Note{Pos: Pos{File: fmt.Sprintf("content/regions/r%02d.toml", i), Line: 3, Col: 1}, Text: fmt.Sprintf("r%02d 4%%", i)})
	}
	var b bytes.Buffer
	Print(&b, d)
	out := b.String()
	if !strings.Contains(out, "\n  note: content/regions/r00.toml:3:1: r00 4%\n") || strings.Count(out, "note:") != MaxNotes+1 ||
		!strings.Contains(out, "note: and 3 more\n  hint: 1% is not assigned\n") {
		t.Errorf("printed:\n%s", out)
	}
	if e := d; !e.Equal(d) {
		t.Error("a diagnostic differs from its copy")
	}
	e := d
	e.Notes = append([]Note(nil), d.Notes...)
	e.Notes[1].Text = "other"
	if e.Equal(d) {
		t.Error("diagnostics with different notes are equal")
	}
}
