package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
