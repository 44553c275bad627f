package pipeline

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"planbook/generator/gitrev"
	"planbook/generator/site"
)

// PlanVersion says which version of the plan the site folder dir holds:
// the short hash and date of the git commit it is at (marked as modified
// when files of the site have changes not yet committed); else, when
// SOURCE_DATE_EPOCH is set, that date; else nothing ("unversioned"). It
// never reads the clock, so that the same files always build the same
// bytes. The error is a SOURCE_DATE_EPOCH that is not a number.
func PlanVersion(dir string) (site.Version, error) {
	if c, err := gitrev.Head(dir); err == nil {
		return site.Version{Label: c.Hash, Date: c.Time.Format(time.DateOnly), Modified: c.Modified}, nil
	}
	t, err := SourceDate()
	if err != nil || t.IsZero() {
		return site.Version{}, err
	}
	return site.Version{Label: t.Format(time.DateOnly)}, nil
}

// PlanDate returns the time of the version of the plan the site folder dir
// holds (see PlanVersion): its commit's, else SOURCE_DATE_EPOCH's, else
// the zero time.
func PlanDate(dir string) (time.Time, error) {
	if c, err := gitrev.Head(dir); err == nil {
		return c.Time, nil
	}
	return SourceDate()
}

// SourceDate returns the time SOURCE_DATE_EPOCH sets (seconds since 1970,
// as for reproducible builds), or the zero time when it is not set.
func SourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
