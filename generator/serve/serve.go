// Package serve is planbook's live preview: it builds a site, serves it
// over HTTP, watches the site's files, rebuilds on every save and tells
// open browsers to reload, over Server-Sent Events, when the output
// changed. While the latest build has errors, every page shows them.
//
// It serves the output folder of a normal build: the reload script is
// added to pages as they are sent, so the files on disk are exactly what
// planbook build writes.
package serve

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"planbook/generator/diag"
	"planbook/generator/pipeline"
)

//go:embed static
var static embed.FS

// Config says what to serve and where.
type Config struct {
	Site string // the site folder
	Out  string // the output folder; "" means the site's configured output
	Bind string // the address to listen on; "" means 127.0.0.1
	Port int    // the port; 0 picks a free one
	Log  io.Writer
	// Quiet is how long the watcher waits after the last event of a
	// burst before rebuilding; 0 means 15 ms.
	Quiet time.Duration
}

// Server is a running live preview.
type Server struct {
	cfg     Config
	builder *pipeline.Builder
	hub     *hub

	mu         sync.RWMutex
	out        string     // the folder served
	title      string     // the plan's title, once it loaded
	failure    *diag.List // the errors of the latest build; nil when it succeeded
	generation int        // counts builds that changed what browsers see
	builds     int        // counts builds, for tests
	buildMu    sync.Mutex // one build at a time
}

// New returns a server for cfg; Start builds and listens.
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
	return &Server{cfg: cfg, builder: pipeline.NewBuilder(pipeline.Options{Site: cfg.Site, Out: cfg.Out}), hub: newHub()}
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

// Builds returns how many builds ran.
func (s *Server) Builds() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.builds
}

// Run builds the site, serves it on the listener and rebuilds on changes
// until ctx is done; then it shuts down cleanly. ready, when not nil, is
// called with the site's URL once the server accepts connections.
func (s *Server) Run(ctx context.Context, ready func(url string)) error {
	s.Rebuild(nil)
	ln, err := net.Listen("tcp", net.JoinHostPort(s.cfg.Bind, strconv.Itoa(s.cfg.Port)))
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	w, err := newWatcher(s.cfg.Site, s.outDir(), s.cfg.Quiet)
	if err != nil {
		ln.Close()
		return fmt.Errorf("watching %s: %w", s.cfg.Site, err)
	}
	done := make(chan struct{})
	go w.run(done)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	if ready != nil {
		ready(siteURL(ln.Addr()))
	}
	for {
		select {
		case batch := <-w.batches:
			s.Rebuild(batch)
		case err := <-w.errors:
			fmt.Fprintf(s.cfg.Log, "watching: %v\n", err)
		case err := <-serveErr:
			close(done)
			return err
		case <-ctx.Done():
			close(done)
			s.hub.close()
			shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			err := srv.Shutdown(shutdown)
			s.buildMu.Lock() // wait for a build under way
			s.buildMu.Unlock()
			return err
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

// outDir returns the output folder, as far as it is known.
func (s *Server) outDir() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.out != "" {
		return s.out
	}
	if s.cfg.Out != "" {
		return s.cfg.Out
	}
	return filepath.Join(s.cfg.Site, "public")
}

// Rebuild builds the site after changes to the given files (nil: the
// first build) and tells browsers to reload when what they see changed:
// the output, or the errors of a failed build. It reports whether it told
// them.
func (s *Server) Rebuild(changed []string) bool {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	s.builder.Changed(changed)
	rep, err := s.builder.Build()
	ms := time.Since(start).Milliseconds()

	s.mu.Lock()
	s.builds++
	if rep.Result != nil {
		s.title = rep.Result.Plan.Title
	}
	what := "first build"
	if len(changed) > 0 {
		what = strings.Join(changed, ", ")
		if len(changed) > 3 {
			what = strings.Join(changed[:3], ", ") + fmt.Sprintf(" and %d more", len(changed)-3)
		}
	}
	var notify bool
	if err != nil {
		errs := rep.Diagnostics
		var le *diag.ListError
		if !errors.As(err, &le) {
			errs = &diag.List{}
			errs.Add(diag.Diagnostic{Level: diag.Error, File: s.cfg.Site, Message: err.Error()})
		}
		notify = s.failure == nil || !sameErrors(s.failure, errs)
		s.failure = errs
		first := errs.Errors()
		fmt.Fprintf(s.cfg.Log, "%s: build failed with %s in %d ms; the last good site stays on disk\n", what, plural(len(first), "error"), ms)
		for _, d := range first {
			fmt.Fprintf(s.cfg.Log, "  %s\n", d)
		}
	} else {
		notify = s.failure != nil || len(rep.Stats.Changed) > 0 || rep.Stats.Removed > 0
		s.failure = nil
		s.out = rep.Out
		fmt.Fprintf(s.cfg.Log, "%s: %s rendered, %s written in %d ms\n", what,
			plural(rep.Pages, "page"), plural(len(rep.Stats.Changed), "file"), ms)
	}
	if notify {
		s.generation++
	}
	gen := s.generation
	s.mu.Unlock()
	if notify {
		s.hub.broadcast(strconv.Itoa(gen))
	}
	return notify
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

// Handler serves the site, the reload script and the event stream. It
// answers GET and HEAD only, and never serves anything outside the output
// folder.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_planbook/events", s.events)
	mux.HandleFunc("/_planbook/", func(w http.ResponseWriter, r *http.Request) {
		name := "static/" + strings.TrimPrefix(r.URL.Path, "/_planbook/")
		data, err := static.ReadFile(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
	mux.HandleFunc("/", s.page)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// The pages' own policy, for the pages planbook serve writes
		// itself (the error page) as well.
		w.Header().Set("Content-Security-Policy", policy)
		mux.ServeHTTP(w, r)
	})
}

// page serves a file of the output folder; HTML pages get the reload
// script. While the latest build failed, pages show its errors instead.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	out, failure, gen := s.out, s.failure, s.generation
	s.mu.RUnlock()
	isPage := path.Ext(name) == ".html" || path.Ext(name) == ""
	w.Header().Set("Cache-Control", "no-cache")
	if failure != nil && isPage {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		errorPage.Execute(w, errorView{Errors: failure.Errors(), Generation: gen})
		return
	}
	if out == "" {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	// os.Root keeps every open inside the output folder, symbolic links
	// included.
	root, err := os.OpenRoot(out)
	if err != nil {
		http.Error(w, "the site folder cannot be opened", http.StatusInternalServerError)
		return
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(name))
	if err == nil {
		if info, serr := f.Stat(); serr == nil && info.IsDir() {
			f.Close()
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && isPage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "<!doctype html><title>Not found</title><p>No page at /%s.</p>%s", template.HTMLEscapeString(name), reloadTag(gen))
			return
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if path.Ext(name) != ".html" {
		http.ServeContent(w, r, name, info.ModTime(), f)
		return
	}
	data, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(injectReload(data, gen)))
}

// policy is the Content-Security-Policy of every response: nothing but
// the site's own files, no inline code.
const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

// reloadTag is the script element that makes a page reload itself.
func reloadTag(generation int) string {
	return fmt.Sprintf(`<script defer src="/_planbook/livereload.js" data-generation="%d"></script>`, generation)
}

// injectReload adds the reload script at the end of a page's head.
func injectReload(page []byte, generation int) []byte {
	tag := []byte(reloadTag(generation) + "\n")
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(append([]byte{}, page...), tag...)
}

// errorView is what the error page shows.
type errorView struct {
	Errors     []diag.Diagnostic
	Generation int
}

var errorPage = template.Must(template.New("error").Funcs(template.FuncMap{
	"lines": func(s []string) string { return strings.Join(s, "\n") },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · planbook</title>
<link rel="stylesheet" href="/_planbook/error.css">
<script defer src="/_planbook/livereload.js" data-generation="{{.Generation}}"></script>
</head>
<body>
<main>
<h1>The plan has {{len .Errors}} error{{if ne (len .Errors) 1}}s{{end}}</h1>
<p>Fix them and save: this page reloads by itself. The last good site stays on disk.</p>
<ol class="errors">
{{- range .Errors}}
<li class="error"><span class="pos">{{.Position}}</span>: {{.Message}}
{{- with .Source}}
<pre>{{lines .}}</pre>
{{- end}}
{{- range .Notes}}<p class="note">note: {{.}}</p>{{end}}
{{- with .Hint}}<p class="hint">hint: {{.}}</p>{{end}}</li>
{{- end}}
</ol>
</main>
</body>
</html>
`))
