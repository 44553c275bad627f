package generator

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"planbook/generator/site"
)

// PlanVersion says which version of the plan the site folder dir holds:
// the short hash and date of the git commit it is at (marked as modified
// when files of the site have changes not yet committed); else, when
// SOURCE_DATE_EPOCH is set, that date; else nothing ("unversioned"). It
// never reads the clock, so that the same files always build the same
// bytes.
func PlanVersion(dir string) site.Version {
	if hash, err := git(dir, "rev-parse", "--short", "HEAD"); err == nil && hash != "" {
		v := site.Version{Label: hash}
		v.Date, _ = git(dir, "show", "-s", "--format=%cs", "HEAD")
		if status, err := git(dir, "status", "--porcelain", "--untracked-files=no", "--", "."); err == nil && status != "" {
			v.Modified = true
		}
		return v
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
			d := time.Unix(secs, 0).UTC().Format("2006-01-02")
			return site.Version{Label: d}
		}
	}
	return site.Version{}
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
