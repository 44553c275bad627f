package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Stage is a new output assembled one file at a time, for a build that
// writes each file as soon as it is made rather than holding the whole
// site until it is done. Begin makes the new folder beside the output (its
// marker first, as Publish does); Put writes a file into it, several at a
// time; Commit swaps it in whole, as Publish does, and Abort removes it.
// Until Commit nothing in the output changes. A file whose bytes equal the
// output's keeps the old copy and its modification time.
type Stage struct {
	out  string
	made *tree
	g    errgroup.Group

	mu      sync.Mutex
	dirs    map[string]*stageDir // the folders of the files put
	names   map[string]bool      // the files put
	changed []string             // those written (not kept from out)
	err     error                // the first error of a write
	done    bool                 // committed or aborted
}

// Begin starts a new output for the folder out.
func Begin(out string) (*Stage, error) {
	out = filepath.Clean(out)
	if err := prepare(out); err != nil {
		return nil, err
	}
	made, err := makeTemp(out, Site{})
	if err != nil {
		return nil, err
	}
	s := &Stage{out: out, made: made, dirs: map[string]*stageDir{}, names: map[string]bool{}}
	s.g.SetLimit(writers)
	return s, nil
}

// Put writes a file of the new output, by its slash path, in the
// background: it returns once the write has started, and keeps data until
// it is written. Several goroutines may put files at once; a name may be
// put once. The first error of a write is returned by the next Put and by
// Commit.
func (s *Stage) Put(name string, data []byte) error {
	return s.add(name, func(dst string) (bool, error) {
		return place(filepath.Join(s.out, filepath.FromSlash(name)), dst, data, false)
	})
}

// Carry carries a file of the output over into the new one, as it is,
// without reading it (see Carried): info is the file as it was seen
// there.
func (s *Stage) Carry(name string, info fs.FileInfo) error {
	return s.add(name, func(dst string) (bool, error) { return true, carry(s.out, dst, name, info) })
}

// add puts the file name into the new output with write, which writes it
// at its path there and reports whether it wrote it (rather than kept the
// output's).
func (s *Stage) add(name string, write func(dst string) (bool, error)) error {
	if !fs.ValidPath(name) || name == "." || name == Marker {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	s.mu.Lock()
	if s.err != nil || s.names[name] {
		err := s.err
		s.mu.Unlock()
		if err == nil {
			err = fmt.Errorf("publish: %s put twice", name)
		}
		return err
	}
	s.names[name] = true
	dirs := s.folders(path.Dir(name))
	s.mu.Unlock()
	s.g.Go(func() error {
		step("file " + name)
		err := s.makeDirs(dirs)
		written := false
		if err == nil {
			written, err = write(filepath.Join(s.made.path, filepath.FromSlash(name)))
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case err != nil && s.err == nil:
			s.err = err
		case written:
			s.changed = append(s.changed, name)
		}
		return nil
	})
	return nil
}

// stageDir is a folder of the new output, made once, by whichever file
// needs it first.
type stageDir struct {
	name string
	once sync.Once
	err  error
}

// folders returns the folders that hold a file in dir, outermost first.
// s.mu is held.
func (s *Stage) folders(dir string) []*stageDir {
	var out []*stageDir
	for ; dir != "."; dir = path.Dir(dir) {
		d, ok := s.dirs[dir]
		if !ok {
			d = &stageDir{name: dir}
			s.dirs[dir] = d
		}
		out = append(out, d)
	}
	slices.Reverse(out)
	return out
}

// makeDirs makes the folders a file goes in, outermost first.
func (s *Stage) makeDirs(dirs []*stageDir) error {
	for _, d := range dirs {
		d.once.Do(func() { d.err = os.Mkdir(filepath.Join(s.made.path, filepath.FromSlash(d.name)), 0o755) })
		if d.err != nil {
			return d.err
		}
	}
	return nil
}

// Dir returns the folder the new output is assembled in, until Commit.
func (s *Stage) Dir() string { return s.made.path }

// Names returns the files put so far, sorted.
func (s *Stage) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.names))
	for name := range s.names {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Wait waits for the files put so far to be written.
func (s *Stage) Wait() error {
	s.g.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Commit waits for the files put, then swaps the new output in for the old
// one, which it removes.
func (s *Stage) Commit() (Stats, error) {
	if err := s.Wait(); err != nil {
		s.Abort()
		return Stats{}, err
	}
	sort.Strings(s.changed)
	st := Stats{Files: len(s.names), Written: len(s.changed), Unchanged: len(s.names) - len(s.changed), Changed: s.changed}
	put := Files{}
	for name := range s.names {
		put[name] = nil
	}
	st.Removed = countRemoved(s.out, Site{}, Site{Files: put})
	prev, err := finish(s.out, s.made, Site{})
	if err != nil {
		s.Abort()
		return st, err
	}
	s.done = true
	step("remove previous")
	if prev != nil {
		prev.remove()
	}
	s.made.unlock()
	return st, nil
}

// Abort waits for the files put and removes the new output, leaving the
// old one as it was; after Commit it does nothing.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	s.g.Wait()
	s.made.remove()
}
