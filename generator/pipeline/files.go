package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"planbook/generator/diag"
)

// siteFS returns the files of the site folder dir as a file system that
// cannot reach outside it, symbolic links included.
func siteFS(dir string) fs.FS {
	if root, err := os.OpenRoot(dir); err == nil {
		return root.FS()
	}
	return os.DirFS(dir) // a missing folder: loading reports it
}

// checkLinks reports every symbolic link under the site's content/ and
// themes/ folders that points outside the site folder (or nowhere):
// planbook reads only the site's own files.
func checkLinks(dir string) *diag.List {
	errs := &diag.List{}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return errs
	}
	for _, top := range []string{"content", "themes"} {
		filepath.WalkDir(filepath.Join(dir, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			target, _ := os.Readlink(p)
			resolved, err := filepath.EvalSymlinks(p)
			switch {
			case err != nil:
				errs.Add(diag.Diagnostic{Level: diag.Error, File: rel,
					Message: fmt.Sprintf("symbolic link to %s, which does not exist", target),
					Hint:    "remove the link, or put the file itself in the site"})
			case resolved != root && !strings.HasPrefix(resolved, root+string(filepath.Separator)):
				errs.Add(diag.Diagnostic{Level: diag.Error, File: rel,
					Message: fmt.Sprintf("symbolic link to %s, outside the site folder: planbook reads only the site's own files", target),
					Hint:    "copy the file into the site instead of linking to it"})
			}
			return nil
		})
	}
	return errs
}

// cachedFS is a site folder (which nothing in it can leave) whose file
// contents are kept between builds and read again when the file may have
// changed: its size, modification time or identity (an editor that saves
// by renaming makes a new file) differ, or it was modified so shortly
// before it was read that a change within the file system's timestamp
// granularity would not show (git's "racy" files).
type cachedFS struct {
	fs.FS // the folder, through an os.Root
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	info fs.FileInfo
	data []byte
	racy bool // modified less than racyWindow before it was read
}

// racyWindow is how long after a file's modification time its cached
// contents are not trusted: more than any file system's timestamp
// granularity (2 s on FAT).
const racyWindow = 3 * time.Second

func newCachedFS(dir string) *cachedFS {
	return &cachedFS{FS: siteFS(dir), files: map[string]cachedFile{}}
}

// Stat implements fs.StatFS.
func (c *cachedFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// ReadDir implements fs.ReadDirFS.
func (c *cachedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

// ReadFile implements fs.ReadFileFS: unchanged files come from the cache.
func (c *cachedFS) ReadFile(name string) ([]byte, error) {
	info, err := fs.Stat(c.FS, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	f, ok := c.files[name]
	c.mu.Unlock()
	if ok && !f.racy && f.info.Size() == info.Size() && f.info.ModTime().Equal(info.ModTime()) && os.SameFile(f.info, info) {
		return f.data, nil
	}
	read := time.Now() // before reading: a write after this instant may not show in the modification time
	data, err := fs.ReadFile(c.FS, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.files[name] = cachedFile{info: info, data: data, racy: read.Sub(info.ModTime()) < racyWindow}
	c.mu.Unlock()
	return data, nil
}
