package data_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
	"planbook/internal/synth"
)

// TestFromPlan changes every region file of a synthetic plan (their
// shares, headcounts and channels) but not plan.toml: the keys FromPlan
// calls the company plan's keep their figures, and the others move.
func TestFromPlan(t *testing.T) {
	files := synth.Site(synth.Options{Seed: 3, Regions: 5, Products: 4, FixedEvery: 2, People: 3})
	files["planbook.toml"] = "people_pages = true\n" // the people's quotas move with their regions' targets
	before := treeOf(t, files)
	share := regexp.MustCompile(`(?m)^share = ([0-9.]+)$`)
	first := share.FindString(files["content/regions/r0001.toml"])
	second := share.FindString(files["content/regions/r0002.toml"])
	for name, text := range files {
		if strings.HasPrefix(name, "content/regions/") {
			text = regexp.MustCompile(`(?m)^headcount = .*$`).ReplaceAllString(text, "headcount = 9")
			text = strings.Replace(text, "[[channels]]\nid = \"direct\"", "[[channels]]\nid = \"retail\"", 1)
			switch name {
			case "content/regions/r0001.toml":
				text = strings.Replace(text, first, second, 1)
			case "content/regions/r0002.toml":
				text = strings.Replace(text, second, first, 1)
			}
			files[name] = text
		}
	}
	after := treeOf(t, files)
	for _, f := range before {
		same := bytes.Equal(data.Marshal(f.Value), data.Marshal(after.Get(f.Key)))
		switch {
		case data.FromPlan(f.Key) && !same:
			t.Errorf("%s changed with the region files, but FromPlan says it comes from plan.toml alone", f.Key)
		case !data.FromPlan(f.Key) && same:
			t.Errorf("%s did not change with the region files: does it come from plan.toml alone?", f.Key)
		}
	}
	for _, key := range []string{"target", "quarters.q2", "products.p01.share", "kpis.market-share.target"} {
		if !data.FromPlan(key) {
			t.Errorf("FromPlan(%q) is false", key)
		}
	}
	for _, key := range []string{"regions.r0001.target", "per_head.target", "channels.direct.target", "checks", "nothing"} {
		if data.FromPlan(key) {
			t.Errorf("FromPlan(%q) is true", key)
		}
	}
}

func treeOf(t *testing.T, files map[string]string) data.Object {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	p, errs := plan.Load(fsys)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	r, errs := compute.Compute(p)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return data.Tree(r)
}
