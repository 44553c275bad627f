package pipeline

import (
	"os"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/diff"
	"planbook/generator/gitrev"
)

// LoadVersion loads and computes a version of the plan of the site folder
// site: the folder spec when spec names an existing folder, otherwise
// revision spec of the git repository holding site (read from git's
// objects, never from the work tree). The label says what was loaded, for
// a report: the folder as given, or the revision with its short commit
// hash. An error means spec names nothing readable; problems of the plan
// itself are in the list, as with Load.
func LoadVersion(site, spec string) (r *compute.Result, errs *diag.List, label string, err error) {
	if info, statErr := os.Stat(spec); statErr == nil && info.IsDir() {
		r, errs = Load(spec)
		return r, errs, spec, nil
	}
	fsys, commit, err := gitrev.Open(site, spec)
	if err != nil {
		return nil, nil, "", err
	}
	r, errs = newBuilder(Options{Site: site}, fsys).computed()
	label = spec
	if short := commit[:7]; !strings.HasPrefix(spec, short) {
		label += " (" + short + ")"
	}
	return r, errs, label, nil
}

// Changes compares the computed plan r of the site folder site with the
// version spec of it (see LoadVersion). A version that does not load is a
// *VersionError.
func Changes(site, spec string, r *compute.Result) (*diff.Report, error) {
	old, errs, label, err := LoadVersion(site, spec)
	if err != nil {
		return nil, err
	}
	if errs.HasErrors() {
		return nil, &VersionError{Spec: spec, Diagnostics: errs.Errors()}
	}
	rep := diff.Compare(old, r)
	rep.From, rep.To = label, site
	return rep, nil
}

// VersionError is a version of the plan, compared with, that did not
// load: what named it and its errors.
type VersionError struct {
	Spec        string
	Diagnostics []diag.Diagnostic
}

func (e *VersionError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = e.Spec + ": " + d.String()
	}
	return strings.Join(lines, "\n")
}
