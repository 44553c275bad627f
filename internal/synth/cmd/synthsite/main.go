// Command synthsite writes a synthetic plan site to a folder, for
// measuring planbook on large plans:
//
//	go run ./internal/synth/cmd/synthsite -regions 2000 -o /tmp/plan-2000
//	go run ./internal/synth/cmd/synthsite -regions 2000 -people 10 -o /tmp/people-2000
//
// With -hugo it writes instead the Hugo twin of a site planbook built: a
// Hugo site holding the same text and tables (scripts/compare-hugo.sh):
//
//	planbook build -s /tmp/plan-2000 -d /tmp/built-2000
//	go run ./internal/synth/cmd/synthsite -hugo /tmp/built-2000 -o /tmp/hugo-2000
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"planbook/internal/synth"
)

func main() {
	regions := flag.Int("regions", 2000, "number of regions")
	products := flag.Int("products", 12, "number of products (1..12)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same site")
	fixed := flag.Int("fixed-every", 10, "every n-th region sets its own seasonality and mixes (0: none)")
	out := flag.String("o", "", "folder to write (must not exist, or be empty)")
	hugo := flag.String("hugo", "", "write the Hugo twin of the site planbook built into this folder instead")
	people := flag.Int("people", 0, "people per region: teams in two regions in three and a roster (0: none)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synthsite: -o FOLDER is required")
		os.Exit(2)
	}
	o := synth.Options{Seed: *seed, Regions: *regions, Products: *products, FixedEvery: *fixed, Narrative: true, People: *people}
	files := synth.Site(o)
	if *hugo != "" {
		var err error
		if files, err = hugoTwin(*hugo); err != nil {
			fmt.Fprintln(os.Stderr, "synthsite:", err)
			os.Exit(1)
		}
	}
	for _, name := range synth.Names(files) {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("wrote %d files to %s\n", len(files), *out)
}

// hugoTwin reads the pages of a site planbook built and returns its Hugo
// twin.
func hugoTwin(built string) (map[string]string, error) {
	pages := map[string][]byte{}
	err := filepath.WalkDir(built, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(built, p)
		data, err := os.ReadFile(p)
		pages[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s holds no pages: build the site with planbook first", built)
	}
	return synth.HugoSite(pages)
}
