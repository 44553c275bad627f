package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"planbook/internal/sitetest"
)

const planTOML = `title = "Live plan"
year = 2024
unit = "万元"
[baseline]
revenue = 1000
[target]
growth = "10%"
`

const pageMD = "+++\ntitle = \"Notes\"\n+++\nFirst text.\n"

// preview is a server under test.
type preview struct {
	t   *testing.T
	dir string
	s   *Server
	url string
	// built gets a signal when a build ends (signals coalesce: one
	// waiting stands for any number of builds).
	built chan struct{}
	mu    sync.Mutex
	seen  map[string]bool // every path a build was told of
}

// start writes a site, serves it on a free port and returns it once the
// first build is done. setup, when not nil, sees the server before it
// runs. The server stops when the test ends.
func start(t *testing.T, files map[string]string, setup func(*Server)) *preview {
	t.Helper()
	dir := sitetest.Dir(t, sitetest.Files(files))
	p := &preview{t: t, dir: dir, built: make(chan struct{}, 1), seen: map[string]bool{}}
	p.s = New(Config{Site: dir, Port: 0})
	p.s.afterBuild = func(changed []string) {
		p.mu.Lock()
		for _, c := range changed {
			p.seen[c] = true
		}
		p.mu.Unlock()
		signal(p.built)
	}
	if setup != nil {
		setup(p.s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- p.s.Run(ctx, func(u string) { urls <- u }) }()
	select {
	case p.url = <-urls:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
		// Nothing temporary is left beside the output.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), "planbook-new") {
				t.Errorf("temporary folder left behind: %s", e.Name())
			}
		}
	})
	return p
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// write writes a file of the site.
func (p *preview) write(name, text string) {
	p.t.Helper()
	writeFiles(p.t, p.dir, map[string]string{name: text})
}

// waitUntil returns once cond holds, checking it now and after every
// build; it fails the test when no build made it hold for ten seconds.
func (p *preview) waitUntil(what string, cond func() bool) {
	p.t.Helper()
	timeout := time.After(10 * time.Second)
	for !cond() {
		select {
		case <-p.built:
		case <-timeout:
			p.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// saw reports whether a build was told that path changed.
func (p *preview) saw(path string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[path]
}

// get fetches a path of the site.
func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServesPagesWithReloadScript(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, nil)
	code, body := p.get("notes/")
	if code != 200 || !strings.Contains(body, "First text.") || !strings.Contains(body, `src="/_planbook/livereload.js"`) {
		t.Fatalf("GET /notes/: %d\n%s", code, body)
	}
	if code, body := p.get("_planbook/livereload.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("reload script: %d", code)
	}
	if code, body := p.get("data/plan.json"); code != 200 || !strings.Contains(body, `"Live plan"`) {
		t.Errorf("plan.json: %d", code)
	}
	resp, err := http.Get(p.url + "notes")
	if err != nil || resp.Request.URL.Path != "/notes/" {
		t.Errorf("/notes is not redirected to /notes/: %v %v", err, resp.Request.URL)
	}
	resp.Body.Close()
	resp, err = http.Post(p.url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST answered %d, want 405", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodHead, p.url+"index.html", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("HEAD: %v %v", err, resp)
	}
	// Paths cannot leave the site.
	for _, path := range []string{"../content/plan.toml", "..%2fcontent%2fplan.toml", "%2e%2e/%2e%2e/etc/passwd", "../planbook.toml"} {
		code, body := p.get(path)
		if strings.Contains(body, "Live plan") && strings.Contains(body, "growth") || strings.Contains(body, "root:") {
			t.Errorf("GET %s escaped the site (%d)", path, code)
		}
	}
	// What is on disk is what was served.
	disk, err := os.ReadFile(filepath.Join(p.dir, "public", "data", "plan.json"))
	if _, body := p.get("data/plan.json"); err != nil || string(disk) != body {
		t.Errorf("public/data/plan.json differs from what is served: %v", err)
	}
}

// TestHostsRefused asks for the site, the event stream and the reload
// script with the Host header of a name that is not this computer's, as a
// page using DNS rebinding would: every request gets 403 and a one-line
// explanation. localhost, the loopback addresses and the names given to
// AllowHosts are answered.
func TestHostsRefused(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, func(s *Server) {
		s.hosts = newHosts("127.0.0.1", []string{"plan.intranet.example", "10.1.2.3"})
	})
	port := p.url[strings.LastIndex(p.url, ":")+1 : len(p.url)-1]
	request := func(method, host, path string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, p.url+path, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for _, host := range []string{"evil.example", "evil.example:" + port, "localhost.evil.example", "127.0.0.1.nip.io", "10.1.2.4", "plan.intranet.example.evil"} {
		for _, path := range []string{"", "notes/", "data/plan.json", "_planbook/events", "_planbook/livereload.js", "nowhere"} {
			code, body := request(http.MethodGet, host, path)
			if code != http.StatusForbidden || strings.Count(strings.TrimSuffix(body, "\n"), "\n") != 0 || !strings.Contains(body, "--allow-host") {
				t.Errorf("host %q, /%s: %d %q", host, path, code, body)
			}
			if strings.Contains(body, "Live plan") || strings.Contains(body, "First text") {
				t.Errorf("host %q, /%s: the answer shows the plan", host, path)
			}
		}
		if code, _ := request(http.MethodPost, host, ""); code != http.StatusForbidden {
			t.Errorf("host %q, POST: %d", host, code)
		}
	}
	for _, host := range []string{"localhost", "localhost:" + port, "LOCALHOST.", "127.0.0.1:" + port, "127.0.0.2", "[::1]:" + port, "[::1]", "app.localhost", "plan.intranet.example", "Plan.Intranet.Example:" + port, "10.1.2.3:" + port} {
		if code, body := request(http.MethodGet, host, "notes/"); code != 200 || !strings.Contains(body, "First text.") {
			t.Errorf("host %q: %d", host, code)
		}
	}
}

// TestBindAddressAllowed checks that a server bound to an address answers
// to that address and, bound to every address, to each of this computer's.
func TestBindAddressAllowed(t *testing.T) {
	if h := newHosts("192.0.2.7", nil); !h.allowed("192.0.2.7:1313") || h.allowed("192.0.2.8") || !h.allowed("localhost") || h.allowed("") {
		t.Error("bound to 192.0.2.7")
	}
	if h := newHosts("plan-box.lan", []string{"a.example,b.example"}); !h.allowed("plan-box.lan") || h.allowed("a.example") {
		t.Error("bound to a name; the list is split by the command, not here")
	}
	h := newHosts("0.0.0.0", nil)
	for a := range h.addrs {
		if !h.allowed(a.String()) {
			t.Errorf("bound to every address: %s refused", a)
		}
	}
	if h.allowed("evil.example") || h.allowed("203.0.113.9") {
		t.Error("bound to every address: a foreign host answered")
	}
}

// TestEditDuringFirstBuild saves a page while the first build runs, after
// it read the page: the save is not lost, a second build shows it.
func TestEditDuringFirstBuild(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, func(s *Server) {
		signal := s.afterBuild
		s.afterBuild = func(changed []string) {
			if changed == nil {
				writeFiles(t, s.cfg.Site, map[string]string{"content/notes.md": strings.Replace(pageMD, "First", "Saved during the build:", 1)})
			}
			signal(changed)
		}
	})
	p.waitUntil("the save during the first build", func() bool {
		_, body := p.get("notes/")
		return strings.Contains(body, "Saved during the build:")
	})
}

// TestNewRegionInNewFolder creates content/regions/ after the server
// started, then a region file in it: the watcher picks up the new folder
// and the region gets its page.
func TestNewRegionInNewFolder(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML}, nil)
	if code, _ := p.get("regions/east/"); code != 404 {
		t.Fatalf("region page exists before the region: %d", code)
	}
	os.Mkdir(filepath.Join(p.dir, "content", "regions"), 0o755)
	p.waitUntil("the new folder seen", func() bool { return p.saw("content/regions") })
	p.write("content/regions/east.toml", "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n")
	p.waitUntil("the region page", func() bool {
		code, body := p.get("regions/east/")
		return code == 200 && strings.Contains(body, "East")
	})
}

// TestActualsWhileServing adds an actuals file in a new content/actuals
// folder while serving: the Plan vs actual page appears; a broken row then
// shows the error page naming the file and line; the fix brings the page
// back with the corrected figure.
func TestActualsWhileServing(t *testing.T) {
	region := "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n"
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/regions/east.toml": region}, nil)
	if code, _ := p.get("actuals/"); code != 404 {
		t.Fatalf("actuals page exists before any actuals: %d", code)
	}
	os.Mkdir(filepath.Join(p.dir, "content", "actuals"), 0o755)
	p.waitUntil("the new folder seen", func() bool { return p.saw("content/actuals") })
	const header = "month,region,product,channel,customer,revenue\n"
	p.write("content/actuals/2024.csv", header+"2024-01,east,,,,81.5\n")
	p.waitUntil("the actuals page", func() bool {
		code, body := p.get("actuals/")
		return code == 200 && strings.Contains(body, "81.5")
	})
	p.write("content/actuals/2024.csv", header+"2024-01,eats,,,,81.5\n")
	p.waitUntil("the error page", func() bool {
		_, body := p.get("actuals/")
		return strings.Contains(body, "content/actuals/2024.csv:2:9") && strings.Contains(body, "did you mean")
	})
	p.write("content/actuals/2024.csv", header+"2024-01,east,,,,90.25\n")
	p.waitUntil("the fixed page", func() bool {
		code, body := p.get("actuals/")
		return code == 200 && strings.Contains(body, "90.25") && !strings.Contains(body, "did you mean")
	})
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// events connects to the event stream and returns the build generation
// of its hello and the events that follow, as they come.
func (p *preview) events() (int, <-chan event) {
	p.t.Helper()
	resp, err := http.Get(p.url + "_planbook/events")
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { resp.Body.Close() })
	out := make(chan event, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			if name, ok := strings.CutPrefix(line, "event: "); ok {
				ev.name = name
			} else if data, ok := strings.CutPrefix(line, "data: "); ok {
				ev.data = data
			} else if line == "" && ev.name != "" {
				out <- ev
				ev = event{}
			}
		}
		close(out)
	}()
	hello := <-out
	if hello.name != "hello" {
		p.t.Fatalf("first event %q, want hello", hello.name)
	}
	gen, _ := strconv.Atoi(hello.data)
	return gen, out
}

// TestNoReloadWithoutChange saves a file with a change that alters no
// output (a TOML comment): the site is rebuilt but no page reloads. A real
// change then sends one reload, the next generation after the hello's.
func TestNoReloadWithoutChange(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, nil)
	gen, evs := p.events()
	p.write("content/plan.toml", planTOML+"# a comment changes nothing\n")
	p.waitUntil("a rebuild", func() bool { return p.saw("content/plan.toml") })
	p.write("content/notes.md", strings.Replace(pageMD, "First", "Second", 1))
	select {
	case ev := <-evs:
		if ev.name != "reload" || ev.data != strconv.Itoa(gen+1) {
			t.Errorf("event %v after a change that altered no output and one that did; want one reload, generation %d", ev, gen+1)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reload after a real change")
	}
}

// TestErrorPage breaks the plan: every page shows the error with its file
// and line, the last good site stays on disk, and fixing the file brings
// the site back.
func TestErrorPage(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, nil)
	out := filepath.Join(p.dir, "public")
	good, _ := os.ReadFile(filepath.Join(out, "notes", "index.html"))
	p.write("content/plan.toml", strings.Replace(planTOML, "growth =", "growht =", 1))
	p.waitUntil("the error page", func() bool {
		code, body := p.get("notes/")
		return code == 500 && strings.Contains(body, "content/plan.toml:7:1") &&
			strings.Contains(body, "unknown key") && strings.Contains(body, "growht") &&
			strings.Contains(body, "/_planbook/livereload.js")
	})
	if now, _ := os.ReadFile(filepath.Join(out, "notes", "index.html")); string(now) != string(good) {
		t.Error("a failed build changed the site on disk")
	}
	p.write("content/plan.toml", planTOML)
	p.waitUntil("the page back", func() bool {
		code, body := p.get("notes/")
		return code == 200 && strings.Contains(body, "First text.")
	})
}

// TestRenamedPageLeavesNoFolder renames a page while serving: its old
// address answers 404, and the output folder holds the new page and no
// empty folder where the old one was.
func TestRenamedPageLeavesNoFolder(t *testing.T) {
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, nil)
	if err := os.Rename(filepath.Join(p.dir, "content", "notes.md"), filepath.Join(p.dir, "content", "memo.md")); err != nil {
		t.Fatal(err)
	}
	p.waitUntil("the renamed page", func() bool {
		code, _ := p.get("memo/")
		return code == 200
	})
	if code, _ := p.get("notes/"); code != 404 {
		t.Errorf("the old address answers %d", code)
	}
	p.waitUntil("the new page on disk", func() bool {
		_, err := os.Stat(filepath.Join(p.dir, "public", "memo", "index.html"))
		return err == nil
	})
	if _, err := os.Stat(filepath.Join(p.dir, "public", "notes")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old page's folder is still there: %v", err)
	}
}

// TestServesPrintedBooklet prints (fakes) a region's booklet into the
// output while serving: the rebuilds that follow serve it, from the
// output folder where it stays, the same file on disk, until an edit
// changes the booklet; then it is gone, from the preview and the folder.
func TestServesPrintedBooklet(t *testing.T) {
	region := "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n"
	var builds atomic.Int32
	p := start(t, map[string]string{"content/plan.toml": planTOML, "content/regions/east.toml": region}, func(s *Server) {
		after := s.afterBuild
		s.afterBuild = func(changed []string) { builds.Add(1); after(changed) }
	})
	pdf := filepath.Join(p.dir, "public", "regions", "east", "booklet.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF east"), 0o644); err != nil {
		t.Fatal(err)
	}
	printed, _ := os.Stat(pdf)
	for i := range 3 {
		comment := strings.Repeat("# a comment changes nothing\n", i+1)
		p.write("content/plan.toml", planTOML+comment)
		p.waitUntil("a rebuild", func() bool { return builds.Load() >= int32(i+2) })
		if code, body := p.get("regions/east/booklet.pdf"); code != 200 || body != "%PDF east" {
			t.Errorf("rebuild %d: the printed booklet is served as %d %q", i+1, code, body)
		}
		if info, err := os.Stat(pdf); err != nil || !os.SameFile(info, printed) {
			t.Errorf("rebuild %d: the printed booklet on disk is not the file printed (%v)", i+1, err)
		}
	}
	p.write("content/regions/east.toml", strings.Replace(region, "East", "Eastern", 1))
	p.waitUntil("the booklet gone", func() bool {
		code, _ := p.get("regions/east/booklet.pdf")
		_, err := os.Stat(pdf)
		return code == 404 && errors.Is(err, fs.ErrNotExist)
	})
}
