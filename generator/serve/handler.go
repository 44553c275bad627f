package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"planbook/generator/diag"
)

//go:embed static
var static embed.FS

// Handler serves the site, the reload script and the event stream. It
// answers GET and HEAD only, serves only the files of the site, and
// refuses, with 403, requests addressed to a host that is not this
// server's (see Config.AllowHosts).
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
		if !s.hosts.allowed(r.Host) {
			http.Error(w, fmt.Sprintf("refused: planbook serve answers to localhost, the --bind address and the names given with --allow-host, not to host %q", r.Host), http.StatusForbidden)
			return
		}
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

// page serves a file of the latest good build; HTML pages get the reload
// script. While the latest build failed, pages show its errors instead.
// Until the first build is done, it waits for it.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	select {
	case <-s.built:
	case <-r.Context().Done():
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	site, failure, gen := s.site, s.failure, s.generation
	s.mu.RUnlock()
	isPage := path.Ext(name) == ".html" || path.Ext(name) == ""
	w.Header().Set("Cache-Control", "no-cache")
	if failure != nil && isPage {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		errorPage.Execute(w, errorView{Errors: failure.Errors(), Generation: gen})
		return
	}
	var built shown
	if site != nil {
		built = *site
	}
	if _, carried := built.site.Carried[name]; carried {
		serveCarried(w, r, built.out, name)
		return
	}
	data, ok := built.site.Files[name]
	if !ok {
		if _, dir := built.site.Files[path.Join(name, "index.html")]; dir {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		if isPage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "<!doctype html><title>Not found</title><p>No page at /%s.</p>%s", template.HTMLEscapeString(name), reloadTag(gen))
			return
		}
		http.NotFound(w, r)
		return
	}
	if path.Ext(name) == ".html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		data = injectReload(data, gen)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// serveCarried serves a file the site carries over from the output folder
// out (a printed PDF) from there: the build holds its name, not its bytes.
// Before the build is written the output holds the file as the build
// found it, and after, the build's link to it.
func serveCarried(w http.ResponseWriter, r *http.Request, out, name string) {
	f, err := os.Open(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, time.Time{}, f)
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
