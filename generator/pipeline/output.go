package pipeline

import (
	"fmt"
	"path/filepath"
	"strings"

	"planbook/generator/diag"
	"planbook/generator/plan"
	"planbook/generator/publish"
)

// locate works out the output folder and checks it (see outputFolder)
// before anything is rendered, so that check reports a bad one as build
// does.
func (b *Builder) locate(s *build) error {
	out, errs, err := outputFolder(b.opts.Site, b.opts.Out, s.rep.Result.Plan.Config, b.opts.Regions)
	s.rep.Out = out
	s.errs.Append(errs)
	return err
}

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
	if problem := publish.Conflict(site, out); problem != "" {
		return problem
	}
	s, serr := publish.RealPath(site)
	o, oerr := publish.RealPath(out)
	if inside && serr == nil && oerr == nil && !publish.Within(o, s) {
		return "leaves the site folder"
	}
	return ""
}

// publish writes files to the output folder out through a publish.Folder
// kept for it, so that a kept builder (serve, benchmarks) writes what
// changed while every write still swaps a whole folder in.
func (b *Builder) publish(out string, _, site publish.Site) (publish.Stats, error) {
	if b.output == nil || b.output.Out() != filepath.Clean(out) {
		if b.output != nil {
			b.output.Close()
		}
		b.output = publish.NewFolder(out)
	}
	return b.output.Publish(site)
}
