package pipeline

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"planbook/generator/diag"
	"planbook/generator/publish"
	"planbook/generator/scope"
	"planbook/generator/site"
)

// Build builds the site once, as planbook build does: the pipeline of
// Builder.Build, but each page and file of explanations goes into a new
// output folder as soon as it is rendered, and the folder is swapped in
// whole at the end (or removed, if the build fails: the previous output is
// then as it was). The build never holds the whole site, and keeps
// nothing for a next one: a site of thousands of regions builds in a
// fraction of the memory. planbook serve keeps a Builder instead.
func Build(o Options) (*Report, error) {
	b := NewBuilder(o)
	b.once = true
	return b.Build()
}

// Check checks the site once, as planbook check does: Builder.Check, with
// each page dropped once rendered (and its errors noted).
func Check(o Options) (*Report, error) {
	b := NewBuilder(o)
	b.once = true
	return b.Check()
}

// staged is the output of a build done once (Build): the files go into a
// new output folder as they are made, from the goroutines that render
// them, each looked at on its way (see put).
type staged struct {
	stage *publish.Stage // nil for a check, which writes nothing
	guard *scope.Guard   // nil for a site of the whole plan
	mu    sync.Mutex
	html  int
	leaks []diag.Diagnostic
	err   error // the first error writing a file
}

// startOnce sets a build done once up to hand each file to out as soon
// as it is made: into a new output folder (none for a check).
func (b *Builder) startOnce(s *build, so *site.Options) error {
	s.out = &staged{}
	if len(b.opts.Regions) > 0 {
		s.out.guard = scope.NewGuard(s.full, b.opts.Regions)
	}
	if !s.check {
		st, err := publish.Begin(s.rep.Out)
		if err != nil {
			return err
		}
		s.out.stage = st
	}
	so.Emit = s.out.put
	return nil
}

// put takes a file of the site: it is counted, searched for what a site
// for some regions' audience must not show, and written.
func (o *staged) put(name string, data []byte) {
	var leak *diag.Diagnostic
	if o.guard != nil {
		leak = o.guard.Check(name, data)
	}
	var err error
	if o.stage != nil {
		err = o.stage.Put(name, data)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if strings.HasSuffix(name, ".html") {
		o.html++
	}
	if leak != nil {
		o.leaks = append(o.leaks, *leak)
	}
	if err != nil && o.err == nil {
		o.err = err
	}
}

// finish puts the files Render returned (the theme's assets, the data
// files) and notes the leaks found, in the order of their files.
func (o *staged) finish(s *build, files publish.Files) error {
	for name, data := range files {
		o.put(name, data)
	}
	sort.Slice(o.leaks, func(i, j int) bool { return o.leaks[i].File < o.leaks[j].File })
	for _, d := range o.leaks {
		s.errs.Add(d)
	}
	s.rep.HTML = o.html
	return o.err
}

// commit swaps the new output in, with the printed booklets and letters
// whose page did not change (see keepPrinted), or removes it when the
// build failed.
func (o *staged) commit(s *build) error {
	if o.stage == nil {
		return nil
	}
	if s.errs.HasErrors() {
		o.stage.Abort()
		return nil
	}
	if err := o.stage.Wait(); err != nil { // the pages are on disk, to compare with the output's
		return err
	}
	dir := o.stage.Dir()
	read := func(name string) ([]byte, bool) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		return data, err == nil
	}
	carried, stale := keepPrinted(s.rep.Out, o.stage.Names(), read)
	s.rep.Unprinted = stale
	for name, info := range carried {
		if err := o.stage.Carry(name, info); err != nil {
			return err
		}
	}
	var err error
	s.rep.Stats, err = o.stage.Commit()
	return err
}

// abort removes a new output the build did not finish.
func (o *staged) abort() {
	if o != nil && o.stage != nil {
		o.stage.Abort()
	}
}
