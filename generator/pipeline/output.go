package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"planbook/generator/diag"
	"planbook/generator/plan"
)

// outputFolder returns the folder a build of the site folder site writes
// to: out (planbook build -d) when given, else the output of planbook.toml,
// relative to the site folder unless absolute, with the ids of a site for
// some regions' audience added ("public-east"). -d and planbook.toml go
// through the same checks, on the folders' real places on disk (symbolic
// links followed): the output may not be the site folder, hold it, or lie
// inside its content/ or themes/; a relative output of planbook.toml may
// not leave the site folder. The errors of planbook.toml's output name its
// line and come as errs; those of -d as err.
func outputFolder(site, out string, cfg plan.Config, regions []string) (folder string, errs *diag.List, err error) {
	fromConfig := out == ""
	if fromConfig {
		out = cfg.Output
		if len(regions) > 0 {
			out += "-" + strings.Join(regions, "-") // a site per audience, beside the whole one
			if err := nameFits(out); err != nil {
				return out, &diag.List{}, err
			}
		}
		if !filepath.IsAbs(out) {
			out = filepath.Join(site, filepath.FromSlash(out))
		}
	}
	errs = &diag.List{}
	problem := outputProblem(site, out, fromConfig && !filepath.IsAbs(cfg.Output))
	if problem == "" {
		return out, errs, nil
	}
	if !fromConfig {
		return out, errs, fmt.Errorf("output %s %s; choose another folder with -d", out, problem)
	}
	pos := cfg.OutputPos
	if pos.File == "" {
		pos.File = plan.ConfigFile // the default "public"
	}
	d := pos.At("output %s %s", out, problem)
	d.Hint = plan.OutputHint
	errs.Add(d)
	return out, errs, nil
}

// outputProblem says what is wrong with writing the site folder site's
// output to out, or "" when nothing is. inside says that out must lie
// inside the site folder.
func outputProblem(site, out string, inside bool) string {
	s, err := realPath(site)
	if err != nil {
		return ""
	}
	o, err := realPath(out)
	if err != nil {
		return ""
	}
	switch {
	case o == s:
		return "is the site folder itself: a build would replace the site"
	case within(s, o):
		return "holds the site folder: a build would replace the site"
	case within(o, filepath.Join(s, plan.ContentDir)) || o == filepath.Join(s, plan.ContentDir):
		return "is inside content/, which the site is built from"
	case within(o, filepath.Join(s, "themes")) || o == filepath.Join(s, "themes"):
		return "is inside themes/, which the site is built from"
	case inside && !within(o, s):
		return "leaves the site folder"
	}
	return ""
}

// within reports whether the path p lies below the folder dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath returns the absolute path of p with every symbolic link of the
// part that exists resolved.
func realPath(p string) (string, error) {
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
