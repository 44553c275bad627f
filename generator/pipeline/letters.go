package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"planbook/generator/plan"
	"planbook/generator/scope"
	"planbook/generator/site"
)

// Target letters are handed out, not published. A site that shows people
// (people_pages) has each person's letter among its pages, and planbook
// pdf --people prints them there. A site that does not must not hold a
// single quota, so its letters are rendered into a folder of their own,
// beside the output and never inside it: the output folder's name with
// LettersSuffix added ("public-letters", "public-east-letters").

// LettersSuffix is added to the output folder's name to name the folder
// of the letters of a site that does not show people.
const LettersSuffix = "-letters"

// ErrNoPeople is returned by Letters for a plan without a roster (or
// without people in the regions built for): there is no letter to print.
var ErrNoPeople = errors.New("the plan has no people (" + plan.PeopleFile + "): there is no letter to print")

// Letters writes what planbook pdf --people prints from: the site, as
// Build does, when it shows people (its pages include the letters, at
// people/ID/letter.html); else the letters alone (site.Letters), written
// to the letters folder (see LettersSuffix), which the report's Out then
// names. Either way the computed plan is narrowed to the audience of
// Options.Regions first.
func (b *Builder) Letters() (*Report, error) {
	return b.run(b.load, b.compute, b.scope, b.lettersOrSite)
}

// lettersOrSite runs the rest of the pipeline for Letters.
func (b *Builder) lettersOrSite(s *build) error {
	r := s.rep.Result
	if len(r.People) == 0 && r.Plan.Roster != nil && len(b.opts.Regions) > 0 {
		return fmt.Errorf("%s has no people in %s: there is no letter to print", strings.Join(b.opts.Regions, ", "), plan.PeopleFile)
	}
	if len(r.People) == 0 {
		return ErrNoPeople
	}
	stages := []func(*build) error{b.locateLetters, b.renderLetters, b.write}
	if r.ShowsPeople() {
		stages = []func(*build) error{b.locate, b.render, b.write}
	}
	for _, stage := range stages {
		if err := stage(s); err != nil {
			return err
		}
		if err := s.errs.Err(); err != nil {
			return err
		}
	}
	return nil
}

// locateLetters works out the letters folder: the output folder with
// LettersSuffix added, checked as the output is.
func (b *Builder) locateLetters(s *build) error {
	if err := b.locate(s); err != nil || s.errs.HasErrors() {
		return err
	}
	out := s.rep.Out + LettersSuffix
	if err := nameFits(out); err != nil {
		return err
	}
	if problem := outputProblem(b.opts.Site, out, false); problem != "" {
		return fmt.Errorf("the letters folder %s %s; choose another output folder with -d", out, problem)
	}
	s.rep.Out = filepath.Clean(out)
	return nil
}

// renderLetters renders the letters of the people the computed plan has
// (a region's, for some regions' audience) and the assets they need; a
// folder for some regions' audience is searched for what it must not
// show, as a site is.
func (b *Builder) renderLetters(s *build) error {
	r := s.rep.Result
	th, err := b.loadTheme(r.Plan.Config.Theme, s.errs)
	if th == nil || err != nil {
		return err
	}
	files, errs := site.Letters(r, th, site.Options{})
	errs.FillSource(r.Plan.SourceLine)
	s.errs.Append(errs)
	if len(b.opts.Regions) > 0 {
		s.errs.Append(scope.Leaks(files, s.full, b.opts.Regions))
	}
	s.files = files
	s.rep.HTML = len(r.People)
	return nil
}
