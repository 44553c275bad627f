package plan

import (
	"path"
	"path/filepath"
	"strings"
)

// OutputHint is the hint of every error about where a site is written.
const OutputHint = `name a folder of its own, such as "public" inside the site folder or an absolute path; planbook build -d OUT writes elsewhere for one build`

// checkOutput reports an output folder in planbook.toml that would
// replace the site or feed it: the site folder itself, a folder relative
// to it that climbs out of it ("../x": give an absolute path to write
// outside the site, where a reviewer sees it), or one inside content/ or
// themes/. An absolute path is checked when the site is built, where the
// site's own place on disk is known.
func checkOutput(src *source, out string) {
	if filepath.IsAbs(out) || path.IsAbs(filepath.ToSlash(out)) {
		return
	}
	clean := path.Clean(filepath.ToSlash(out))
	top, _, _ := strings.Cut(clean, "/")
	switch {
	case clean == ".":
		src.errorf("output", OutputHint, "output %q is the site folder itself: a build would replace the site", out)
	case top == "..":
		src.errorf("output", OutputHint, "output %q leaves the site folder", out)
	case top == "content" || top == "themes":
		src.errorf("output", OutputHint, "output %q is inside %s/, which the site is built from", out, top)
	case clean == ConfigFile:
		src.errorf("output", OutputHint, "output %q is the site's settings file", out)
	}
}
