// Package serve is planbook's live preview: it builds a site, serves it
// over HTTP, watches the site's files, rebuilds on every save and tells
// open browsers to reload, over Server-Sent Events, when the output
// changed. While the latest build has errors, every page shows them.
//
// It serves the files of the latest good build from memory (the printed
// PDFs a build carries over from the output folder, from there), the
// reload script added to pages as they are sent, and then writes them to the
// output folder exactly as planbook build does: swapped in whole, so that
// the folder holds one build or the next, never a mix, whenever serve
// stops. It answers only requests addressed to this computer's own names
// (see Config.AllowHosts).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"planbook/generator/diag"
	"planbook/generator/pipeline"
	"planbook/generator/publish"
)

// Config says what to serve and where.
type Config struct {
	Site string // the site folder
	Out  string // the output folder; "" means the site's configured output
	Bind string // the address to listen on; "" means 127.0.0.1
	Port int    // the port; 0 picks a free one
	// AllowHosts are the host names (or addresses), besides localhost,
	// the loopback addresses and Bind, that requests may be addressed to;
	// requests for any other host are refused.
	AllowHosts []string
	Log        io.Writer
	// Quiet is how long the watcher waits after the last event of a
	// burst before rebuilding; 0 means 15 ms.
	Quiet time.Duration
}

// Server is a running live preview.
type Server struct {
	cfg     Config
	builder *pipeline.Builder
	hub     *hub
	hosts   *hosts
	built   chan struct{} // closed when the first build is done

	// Only the goroutine of Run builds and writes: these need no lock.
	staged *shown          // what the build under way rendered
	folder *publish.Folder // writes the output folder
	diskAt string          // the folder it writes

	// afterBuild, when set (by tests), is called at the end of every
	// build, with the files that changed (nil for the first).
	afterBuild func(changed []string)

	mu         sync.RWMutex
	site       *shown     // what pages show; nil before the first good build
	title      string     // the plan's title, once it loaded
	failure    *diag.List // the errors of the latest build; nil when it succeeded
	generation int        // counts builds that changed what browsers see
}

// shown is a built site as served: its files and where they go on disk.
type shown struct {
	out  string
	site publish.Site
}

// New returns a server for cfg; Run builds and serves.
func New(cfg Config) *Server {
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Quiet == 0 {
		cfg.Quiet = 15 * time.Millisecond
	}
	s := &Server{cfg: cfg, hub: newHub(), hosts: newHosts(cfg.Bind, cfg.AllowHosts), built: make(chan struct{})}
	s.builder = pipeline.NewBuilder(pipeline.Options{Site: cfg.Site, Out: cfg.Out, Write: s.stage})
	return s
}

// Title returns the plan's title, or the site folder's name before the
// plan first loaded.
func (s *Server) Title() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.title != "" {
		return s.title
	}
	abs, _ := filepath.Abs(s.cfg.Site)
	return filepath.Base(abs)
}

// ErrPortInUse is wrapped by the error of Run when another program
// listens on the port.
var ErrPortInUse = errors.New("in use")

// Run listens, watches the site, builds, and then rebuilds on changes
// until ctx is done; then it shuts down cleanly. Listening comes first so
// that a port in use fails at once, before any work; watching starts
// before the first build so that a save during it is not missed (pages
// asked for meanwhile wait for the build). ready, when not nil, is called
// with the site's URL once the first build is done.
func (s *Server) Run(ctx context.Context, ready func(url string)) error {
	addr := net.JoinHostPort(s.cfg.Bind, strconv.Itoa(s.cfg.Port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("port %d on %s is %w", s.cfg.Port, s.cfg.Bind, ErrPortInUse)
	}
	if err != nil {
		return err
	}
	defer ln.Close()
	w, err := newWatcher(s.cfg.Site, s.cfg.Quiet)
	if err != nil {
		return fmt.Errorf("watching %s: %w", s.cfg.Site, err)
	}
	done := make(chan struct{})
	defer close(done)
	go w.run(done)
	defer func() {
		if s.folder != nil {
			s.folder.Close()
		}
	}()
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	s.rebuild(nil)
	close(s.built)
	if ready != nil {
		ready(siteURL(ln.Addr()))
	}
	for {
		select {
		case batch := <-w.batches:
			s.rebuild(batch)
		case err := <-w.errors:
			fmt.Fprintf(s.cfg.Log, "watching: %v\n", err)
		case err := <-serveErr:
			return err
		case <-ctx.Done():
			s.hub.close()
			shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			return srv.Shutdown(shutdown)
		}
	}
}

func siteURL(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if host == "::" || host == "0.0.0.0" || host == "" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// stage is the builder's Write step: it checks the output folder and
// keeps the new site for rebuild, which shows it before writing it, and
// says what changed against what browsers show (old).
func (s *Server) stage(out string, old, site publish.Site) (publish.Stats, error) {
	if err := publish.Check(out); err != nil {
		return publish.Stats{}, err
	}
	s.staged = &shown{out: out, site: site}
	return publish.Compare(old, site), nil
}

// rebuild builds the site after changes to the given files (nil: the
// first build), shows the result (the new site, or the errors of a failed
// build), tells browsers to reload when what they see changed, and then
// writes a new site to the output folder. Only Run calls it, so one build
// runs at a time.
func (s *Server) rebuild(changed []string) {
	start := time.Now()
	s.staged = nil
	s.builder.Changed(changed)
	rep, err := s.builder.Build()
	ms := time.Since(start).Milliseconds()
	what := "first build"
	if len(changed) > 0 {
		what = strings.Join(changed, ", ")
		if len(changed) > 3 {
			what = strings.Join(changed[:3], ", ") + fmt.Sprintf(" and %d more", len(changed)-3)
		}
	}
	var errs *diag.List
	if err != nil {
		errs = rep.Diagnostics
		var le *diag.ListError
		if !errors.As(err, &le) {
			errs = &diag.List{}
			errs.Add(diag.Diagnostic{Level: diag.Error, File: s.cfg.Site, Message: err.Error()})
		}
	}
	s.show(rep, errs)
	if err != nil {
		first := errs.Errors()
		fmt.Fprintf(s.cfg.Log, "%s: build failed with %s in %d ms; the last good site stays on disk\n", what, plural(len(first), "error"), ms)
		for _, d := range first {
			fmt.Fprintf(s.cfg.Log, "  %s\n", d)
		}
	} else {
		s.write(what, rep.Pages, start)
		if note := rep.UnprintedNote(); note != "" {
			fmt.Fprintf(s.cfg.Log, "  %s\n", note)
		}
	}
	if s.afterBuild != nil {
		s.afterBuild(changed)
	}
}

// show puts a build's outcome before browsers: the staged site, or the
// errors errs when not nil, and tells them to reload when what they show
// changed.
func (s *Server) show(rep *pipeline.Report, errs *diag.List) {
	s.mu.Lock()
	if rep.Result != nil {
		s.title = rep.Result.Plan.Title
	}
	var notify bool
	if errs != nil {
		notify = s.failure == nil || !sameErrors(s.failure, errs)
		s.failure = errs
	} else {
		notify = s.failure != nil || len(rep.Stats.Changed) > 0 || rep.Stats.Removed > 0
		s.failure = nil
		s.site = s.staged
	}
	if notify {
		s.generation++
	}
	gen := s.generation
	s.mu.Unlock()
	if notify {
		s.hub.broadcast(strconv.Itoa(gen))
	}
}

// write writes the site just shown to the output folder and logs the
// build. A failure leaves the folder as it was; the next build tries
// again.
func (s *Server) write(what string, pages int, start time.Time) {
	shownMS := time.Since(start).Milliseconds()
	site := s.staged
	if s.folder == nil || s.diskAt != site.out {
		if s.folder != nil {
			s.folder.Close()
		}
		s.folder, s.diskAt = publish.NewFolder(site.out), site.out
	}
	st, err := s.folder.Publish(site.site)
	ms := time.Since(start).Milliseconds()
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "%s: %s rendered and shown in %d ms, but writing %s failed: %v\n", what, plural(pages, "page"), shownMS, site.out, err)
		return
	}
	fmt.Fprintf(s.cfg.Log, "%s: %s rendered and shown in %d ms, %s written in %d ms\n", what, plural(pages, "page"), shownMS, plural(st.Written, "file"), ms)
}

func sameErrors(a, b *diag.List) bool {
	x, y := a.Errors(), b.Errors()
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !x[i].Equal(y[i]) {
			return false
		}
	}
	return true
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
