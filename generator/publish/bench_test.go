package publish

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchSite is a site the shape of a 2,000-region plan's: a page, a
// booklet and its style sheet in a folder per region, and a few company
// files.
func benchSite(regions int) Files {
	files := Files{"index.html": make([]byte, 40000), "data/plan.json": make([]byte, 400000)}
	for i := 0; i < regions; i++ {
		dir := fmt.Sprintf("regions/r%04d/", i)
		files[dir+"index.html"] = []byte(fmt.Sprintf("%08000d", i))
		files[dir+"booklet.html"] = []byte(fmt.Sprintf("%012000d", i))
		files[dir+"booklet.css"] = make([]byte, 3000)
	}
	return files
}

// BenchmarkPublishOneChange publishes a site again with one page changed,
// as planbook serve does after a narrative edit, the previous files known.
// It reports the time of each step (ms/step-name).
func BenchmarkPublishOneChange(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			old := benchSite(n)
			if _, err := Publish(out, nil, old); err != nil {
				b.Fatal(err)
			}
			var mu sync.Mutex
			spent := map[string]time.Duration{}
			last, lastName := time.Now(), ""
			step = func(name string) {
				mu.Lock()
				defer mu.Unlock()
				if len(name) > 5 && name[:5] == "file " {
					name = "files"
				}
				now := time.Now()
				if lastName != "" {
					spent[lastName] += now.Sub(last)
				}
				last, lastName = now, name
			}
			defer func() { step = func(string) {} }()
			for i := 0; b.Loop(); i++ {
				files := Files{}
				for k, v := range old {
					files[k] = v
				}
				files["regions/r0001/index.html"] = []byte(fmt.Sprint(i))
				lastName = ""
				if _, err := Publish(out, old, files); err != nil {
					b.Fatal(err)
				}
				mu.Lock()
				spent[lastName] += time.Since(last)
				lastName = ""
				mu.Unlock()
				old = files
			}
			for name, d := range spent {
				b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "ms/"+strings.ReplaceAll(name, " ", "-"))
			}
		})
	}
}

// BenchmarkFolderOneChange is BenchmarkPublishOneChange with a Folder, as
// planbook serve publishes: it brings its kept folder up to date instead
// of assembling the site anew.
func BenchmarkFolderOneChange(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			f := NewFolder(filepath.Join(b.TempDir(), "public"))
			defer f.Close()
			old := benchSite(n)
			for i := 0; i < 2; i++ { // the kept folder starts with the second
				if _, err := f.Publish(old.Site()); err != nil {
					b.Fatal(err)
				}
			}
			for i := 0; b.Loop(); i++ {
				files := Files{}
				for k, v := range old {
					files[k] = v
				}
				files["regions/r0001/index.html"] = []byte(fmt.Sprint(i))
				if _, err := f.Publish(files.Site()); err != nil {
					b.Fatal(err)
				}
				old = files
			}
		})
	}
}
