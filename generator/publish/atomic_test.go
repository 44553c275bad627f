package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFile replaces a file with WriteFile: the new bytes, readable by
// all, and no temporary file left beside it; into a folder that does not
// exist it fails and leaves nothing.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "booklet.pdf")
	os.WriteFile(name, []byte("old"), 0o600)
	if err := WriteFile(name, []byte("new bytes")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(name)
	info, _ := os.Stat(name)
	if string(data) != "new bytes" || info.Mode().Perm() != 0o644 {
		t.Errorf("after WriteFile: %q with mode %v, want \"new bytes\" with 0644", data, info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("WriteFile left %d files in the folder, want 1", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.pdf"), []byte("x")); err == nil {
		t.Error("WriteFile into a missing folder did not fail")
	}
}
