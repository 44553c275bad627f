package serve

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// start writes a site, serves it on a free port and returns the site
// folder, the server and its URL. The server stops when the test ends.
func start(t *testing.T, files map[string]string) (string, *Server, string) {
	t.Helper()
	return startQuiet(t, files, 15*time.Millisecond)
}

// startQuiet is start with the watcher's quiet time.
func startQuiet(t *testing.T, files map[string]string, quiet time.Duration) (string, *Server, string) {
	t.Helper()
	dir := sitetest.Dir(t, sitetest.Files(files))
	s := New(Config{Site: dir, Port: 0, Quiet: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, func(u string) { urls <- u }) }()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
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
	return dir, s, url
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestServesPagesWithReloadScript(t *testing.T) {
	_, _, url := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD})
	code, body := get(t, url+"notes/")
	if code != 200 || !strings.Contains(body, "First text.") || !strings.Contains(body, `src="/_planbook/livereload.js"`) {
		t.Fatalf("GET /notes/: %d\n%s", code, body)
	}
	if code, body := get(t, url+"_planbook/livereload.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("reload script: %d", code)
	}
	resp, err := http.Post(url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST answered %d, want 405", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodHead, url+"index.html", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("HEAD: %v %v", err, resp)
	}
	// Paths cannot leave the output folder.
	for _, p := range []string{"../content/plan.toml", "..%2fcontent%2fplan.toml", "%2e%2e/%2e%2e/etc/passwd"} {
		code, body := get(t, url+p)
		if strings.Contains(body, "Live plan") && strings.Contains(body, "growth") || strings.Contains(body, "root:") {
			t.Errorf("GET %s escaped the output folder (%d)", p, code)
		}
	}
}

// TestNewRegionInNewFolder creates content/regions/ after the server
// started, then a region file in it: the watcher picks up the new folder
// and the region gets its page.
func TestNewRegionInNewFolder(t *testing.T) {
	dir, _, url := start(t, map[string]string{"content/plan.toml": planTOML})
	if code, _ := get(t, url+"regions/east/"); code != 404 {
		t.Fatalf("region page exists before the region: %d", code)
	}
	os.Mkdir(filepath.Join(dir, "content", "regions"), 0o755)
	time.Sleep(100 * time.Millisecond) // the folder is seen before the file is written
	os.WriteFile(filepath.Join(dir, "content", "regions", "east.toml"), []byte("name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n"), 0o644)
	waitFor(t, "the region page", func() bool {
		code, body := get(t, url+"regions/east/")
		return code == 200 && strings.Contains(body, "East")
	})
}

// TestActualsWhileServing adds an actuals file in a new content/actuals
// folder while serving: the Plan vs actual page appears; a broken row then
// shows the error page naming the file and line; the fix brings the page
// back with the corrected figure.
func TestActualsWhileServing(t *testing.T) {
	region := "name = \"East\"\nstage = \"mature\"\nshare = \"100%\"\n"
	dir, _, url := start(t, map[string]string{"content/plan.toml": planTOML, "content/regions/east.toml": region})
	if code, _ := get(t, url+"actuals/"); code != 404 {
		t.Fatalf("actuals page exists before any actuals: %d", code)
	}
	folder := filepath.Join(dir, "content", "actuals")
	os.Mkdir(folder, 0o755)
	time.Sleep(100 * time.Millisecond) // the folder is seen before the file is written
	file := filepath.Join(folder, "2024.csv")
	os.WriteFile(file, []byte("month,region,product,channel,customer,revenue\n2024-01,east,,,,81.5\n"), 0o644)
	waitFor(t, "the actuals page", func() bool {
		code, body := get(t, url+"actuals/")
		return code == 200 && strings.Contains(body, "81.5")
	})
	os.WriteFile(file, []byte("month,region,product,channel,customer,revenue\n2024-01,eats,,,,81.5\n"), 0o644)
	waitFor(t, "the error page", func() bool {
		_, body := get(t, url+"actuals/")
		return strings.Contains(body, "content/actuals/2024.csv:2:9") && strings.Contains(body, "did you mean")
	})
	os.WriteFile(file, []byte("month,region,product,channel,customer,revenue\n2024-01,east,,,,90.25\n"), 0o644)
	waitFor(t, "the fixed page", func() bool {
		code, body := get(t, url+"actuals/")
		return code == 200 && strings.Contains(body, "90.25") && !strings.Contains(body, "did you mean")
	})
}

// TestBurstIsBatched writes a page 50 times in a row: one or two rebuilds
// follow, not 50.
func TestBurstIsBatched(t *testing.T) {
	// A quiet time long enough for 50 writes on a busy machine.
	dir, s, url := startQuiet(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD}, 100*time.Millisecond)
	before := s.Builds()
	page := filepath.Join(dir, "content", "notes.md")
	for i := 0; i < 50; i++ {
		os.WriteFile(page, []byte(strings.Replace(pageMD, "First text.", "Text number "+strconv.Itoa(i)+".", 1)), 0o644)
	}
	waitFor(t, "the last write to show", func() bool {
		_, body := get(t, url+"notes/")
		return strings.Contains(body, "Text number 49.")
	})
	time.Sleep(300 * time.Millisecond)
	if n := s.Builds() - before; n < 1 || n > 2 {
		t.Errorf("50 writes led to %d rebuilds, want 1 or 2", n)
	}
}

// events connects to the event stream and returns its events as they come.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "_planbook/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- ev
			}
		}
		close(out)
	}()
	if ev := <-out; ev != "hello" {
		t.Fatalf("first event %q, want hello", ev)
	}
	return out
}

// TestNoReloadWithoutChange saves a file with a change that alters no
// output (a TOML comment): the site is rebuilt but no page reloads. A
// real change then sends one reload.
func TestNoReloadWithoutChange(t *testing.T) {
	dir, s, url := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD})
	evs := events(t, url)
	before := s.Builds()
	os.WriteFile(filepath.Join(dir, "content", "plan.toml"), []byte(planTOML+"# a comment changes nothing\n"), 0o644)
	waitFor(t, "a rebuild", func() bool { return s.Builds() > before })
	select {
	case ev := <-evs:
		t.Fatalf("got event %q after a change that alters no output", ev)
	case <-time.After(300 * time.Millisecond):
	}
	os.WriteFile(filepath.Join(dir, "content", "notes.md"), []byte(strings.Replace(pageMD, "First", "Second", 1)), 0o644)
	select {
	case ev := <-evs:
		if ev != "reload" {
			t.Errorf("event %q, want reload", ev)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload after a real change")
	}
}

// TestErrorPage breaks the plan: every page shows the error with its file
// and line, the last good site stays on disk, and fixing the file brings
// the site back.
func TestErrorPage(t *testing.T) {
	dir, _, url := start(t, map[string]string{"content/plan.toml": planTOML, "content/notes.md": pageMD})
	out := filepath.Join(dir, "public")
	good, _ := os.ReadFile(filepath.Join(out, "notes", "index.html"))
	planFile := filepath.Join(dir, "content", "plan.toml")
	os.WriteFile(planFile, []byte(strings.Replace(planTOML, "growth =", "growht =", 1)), 0o644)
	waitFor(t, "the error page", func() bool {
		code, body := get(t, url+"notes/")
		return code == 500 && strings.Contains(body, "content/plan.toml:7:1") &&
			strings.Contains(body, "unknown key") && strings.Contains(body, "growht") &&
			strings.Contains(body, "/_planbook/livereload.js")
	})
	if now, _ := os.ReadFile(filepath.Join(out, "notes", "index.html")); string(now) != string(good) {
		t.Error("a failed build changed the site on disk")
	}
	os.WriteFile(planFile, []byte(planTOML), 0o644)
	waitFor(t, "the page back", func() bool {
		code, body := get(t, url+"notes/")
		return code == 200 && strings.Contains(body, "First text.")
	})
}
