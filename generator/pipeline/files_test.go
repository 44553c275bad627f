package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCachedFS reads files through the builder's file cache: a file
// rewritten in place with the same size and modification time is read
// again while its time is recent, as is a file replaced by another with
// the same size and time; an old, unchanged file comes from the cache.
func TestCachedFS(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "plan.toml")
	write := func(text string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	c := newCachedFS(dir)
	read := func(want string) []byte {
		t.Helper()
		data, err := c.ReadFile("plan.toml")
		if err != nil || string(data) != want {
			t.Fatalf("read %q (%v), want %q", data, err, want)
		}
		return data
	}
	now := time.Now()
	write("growth = 1", now)
	read("growth = 1")
	write("growth = 2", now) // the same size and time: a change within the timestamp granularity
	read("growth = 2")

	old := now.Add(-time.Hour)
	write("growth = 3", old)
	first := read("growth = 3")
	if again := read("growth = 3"); &again[0] != &first[0] {
		t.Error("an old, unchanged file was read again instead of coming from the cache")
	}
	other := filepath.Join(dir, "new.toml")
	os.WriteFile(other, []byte("growth = 4"), 0o644)
	os.Chtimes(other, old, old)
	if err := os.Rename(other, name); err != nil { // an editor's save by rename
		t.Fatal(err)
	}
	read("growth = 4")
}
