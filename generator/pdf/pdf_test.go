package pdf

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planbook/internal/browser"
)

// TestPrintStopsAtFirstError: a booklet that cannot be printed stops the
// printing; the booklets after it are not printed, and the error names
// the region.
func TestPrintStopsAtFirstError(t *testing.T) {
	chrome := browser.ForTest(t)
	dir := t.TempDir()
	jobs := []Job{{Region: "missing", HTML: filepath.Join(dir, "missing.html"), PDF: filepath.Join(dir, "missing.pdf")}}
	for _, id := range []string{"a", "b", "c"} {
		html := filepath.Join(dir, id+".html")
		if err := os.WriteFile(html, []byte("<!doctype html><title>"+id+"</title><h1>"+id+"</h1>"), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, Job{Region: id, HTML: html, PDF: filepath.Join(dir, id+".pdf")})
	}
	printed := 0
	err := Print(context.Background(), chrome, jobs, 1, func(int, Job, time.Duration) { printed++ })
	if err == nil || !strings.Contains(err.Error(), "booklet of missing") {
		t.Fatalf("error %v, want one naming the missing booklet", err)
	}
	if printed != 0 {
		t.Errorf("%d booklets printed after the first failed", printed)
	}
	for _, j := range jobs {
		if _, err := os.Stat(j.PDF); err == nil {
			t.Errorf("%s was written", j.PDF)
		}
	}

	// The others print on their own.
	if err := Print(context.Background(), chrome, jobs[1:], 2, func(int, Job, time.Duration) { printed++ }); err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs[1:] {
		if data, err := os.ReadFile(j.PDF); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
			t.Errorf("%s: not a PDF (%v)", j.PDF, err)
		}
	}
	if printed != 3 {
		t.Errorf("progress told of %d booklets, want 3", printed)
	}
}
