// Package sitetest writes plan sites into folders for tests: from txtar
// archives, maps of files, or the repository's example site. Every copy is
// made by os.CopyFS.
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
	Copy(t, dir, fsys)
	return dir
}

// Copy copies the files of fsys into the folder dir, creating it.
func Copy(t testing.TB, dir string, fsys fs.FS) {
	t.Helper()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}

// Archive returns the files of a txtar archive, except those whose name
// starts with "expect" (what a test expects of the site).
func Archive(t testing.TB, ar *txtar.Archive) fs.FS {
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
	return fsys
}

// ArchiveFile is Archive of the txtar archive in the file name.
func ArchiveFile(t testing.TB, name string) fs.FS {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return Archive(t, ar)
}

// Files returns files given by slash path as a file system.
func Files(files map[string]string) fs.FS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	return fsys
}

// Example copies the site of the repository folder root (its content/
// folder and planbook.toml when it has one; not its output or themes) into
// a new temporary folder.
func Example(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	Copy(t, filepath.Join(dir, "content"), os.DirFS(filepath.Join(root, "content")))
	if config, err := os.ReadFile(filepath.Join(root, "planbook.toml")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "planbook.toml"), config, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
