package publish

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// Inputs are the folders and the file of a site folder that a site is
// built from: nothing planbook writes goes there.
var Inputs = []string{"content", "themes", "planbook.toml"}

// Conflict says why the path out must not receive what planbook writes for
// the site folder site, or returns "" when nothing forbids it: out is the
// site folder, holds it, or is or lies inside one of its Inputs. Both are
// compared where they really are on disk, symbolic links followed.
func Conflict(site, out string) string {
	s, err := RealPath(site)
	if err != nil {
		return ""
	}
	o, err := RealPath(out)
	if err != nil {
		return ""
	}
	switch {
	case o == s:
		return "is the site folder itself: writing it would replace the site"
	case Within(s, o):
		return "holds the site folder: writing it would replace the site"
	}
	for _, in := range Inputs {
		if p := filepath.Join(s, in); o == p || Within(o, p) {
			if in == "planbook.toml" {
				return "is the site's planbook.toml"
			}
			return "is inside " + in + "/, which the site is built from"
		}
	}
	return ""
}

// Within reports whether the path p lies below the folder dir.
func Within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// RealPath returns the absolute path of p with every symbolic link of the
// part that exists resolved.
func RealPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}
