// Package sitetest writes plan sites into temporary folders for tests:
// from a txtar archive, a map of files, or the repository's example site.
// Every copy is made by os.CopyFS.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Dir copies the files of fsys into a new temporary folder and returns it.
func Dir(t testing.TB, fsys fs.FS) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Archive writes the files of a txtar archive into a new temporary folder,
// except those whose name starts with "expect" (what a test expects).
func Archive(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	site := &txtar.Archive{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "expect") {
			site.Files = append(site.Files, f)
		}
	}
	fsys, err := txtar.FS(site)
	if err != nil {
		t.Fatal(err)
	}
	return Dir(t, fsys)
}

// File is Archive of the txtar archive in the file name.
func File(t testing.TB, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return Archive(t, ar)
}

// Files writes files given by slash path into a new temporary folder.
func Files(t testing.TB, files map[string]string) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	return Dir(t, fsys)
}

// Example copies the site of the repository folder root (its
// planbook.toml and content/ folder, not its output or themes) into a new
// temporary folder.
func Example(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(root, "planbook.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "planbook.toml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
