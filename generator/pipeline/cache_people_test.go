package pipeline_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
	"planbook/internal/synth"
)

// TestKeptBuilderEqualsFreshBuildPeople is TestKeptBuilderEqualsFreshBuild
// for a site that shows its people (people pages, letters, the teams
// sections of region pages, each with a cache key of its own): random
// edits of the roster (a weight, a start date, a name, a hire, a leaver),
// of the teams (a manager, an over-assignment), of the regions and the
// plan, and people_pages switched off and on; after each, a kept builder's
// output equals a fresh build's byte for byte.
func TestKeptBuilderEqualsFreshBuildPeople(t *testing.T) {
	files := synth.Site(synth.Options{Seed: *cacheSeed, Regions: 4, Products: 3, FixedEvery: 2, Narrative: true, ActualsThrough: 2, People: 4})
	files["planbook.toml"] = "people_pages = true\n"
	site := &editSite{t: t, dir: sitetest.Dir(t, sitetest.Files(files)), rng: rand.New(rand.NewPCG(*cacheSeed, 0x9e0)), next: 7}
	p := &peopleEdits{editSite: site}
	keptOut, freshOut := filepath.Join(t.TempDir(), "kept"), filepath.Join(t.TempDir(), "fresh")
	kept := pipeline.NewBuilder(pipeline.Options{Site: site.dir, Out: keptOut})
	for step := 0; step <= *cacheSteps; step++ {
		what := "the first build"
		if step > 0 {
			what = p.edit()
		}
		keptRep, keptErr := kept.Build()
		freshRep, freshErr := pipeline.Build(pipeline.Options{Site: site.dir, Out: freshOut})
		if fmt.Sprint(keptErr) != fmt.Sprint(freshErr) || fmt.Sprint(keptRep.Diagnostics.Sorted()) != fmt.Sprint(freshRep.Diagnostics.Sorted()) {
			t.Fatalf("seed %d, step %d (%s): the kept builder reports\n%v\na fresh one\n%v", *cacheSeed, step, what, keptErr, freshErr)
		}
		if diff := diffFolders(readAll(t, keptOut), readAll(t, freshOut)); diff != "" {
			t.Fatalf("seed %d, step %d (%s): the kept builder's output differs from a fresh build's:\n%s", *cacheSeed, step, what, diff)
		}
		t.Logf("step %d: %s: %d pages rendered, error: %.200v", step, what, keptRep.Pages, keptErr)
		if freshErr != nil {
			t.Fatalf("seed %d, step %d (%s): the site does not build: %v", *cacheSeed, step, what, freshErr)
		}
	}
}

// peopleEdits makes random edits to a synthetic site with people, each of
// which keeps it valid.
type peopleEdits struct {
	*editSite
	hires int
}

var (
	rosterRow    = regexp.MustCompile(`(?m)^(p\d+),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,\r\n]*)$`)
	teamManager  = regexp.MustCompile(`(?m)^manager = "主管 .*"$`)
	overassignKV = regexp.MustCompile(`(?m)^overassign = .*$`)
)

func (p *peopleEdits) edit() string {
	edits := []func() string{
		p.weight, p.start, p.rename, p.hire, p.leave, p.manager, p.overassign,
		p.regionText, p.swapShares, p.narrative, p.planGrowth, p.pages,
	}
	return edits[p.rng.IntN(len(edits))]()
}

// row edits one person of the roster with f, which gets the row's fields.
func (p *peopleEdits) row(f func(fields []string)) string {
	text := p.read("content/people.csv")
	rows := rosterRow.FindAllString(text, -1)
	row := p.pick(rows)
	fields := rosterRow.FindStringSubmatch(row)[1:]
	f(fields)
	p.write("content/people.csv", strings.Replace(text, row, strings.Join(fields, ","), 1))
	return fields[0]
}

func (p *peopleEdits) weight() string {
	id := p.row(func(f []string) { f[7] = []string{"1", "1.5", "0.5", "2"}[p.rng.IntN(4)] })
	return "the weight of " + id
}

func (p *peopleEdits) start() string {
	id := p.row(func(f []string) {
		f[5] = fmt.Sprintf("2024-%02d-%02d", 1+p.rng.IntN(9), 1+p.rng.IntN(28))
		f[6] = ""
	})
	return "the start of " + id
}

func (p *peopleEdits) rename() string {
	id := p.row(func(f []string) { f[1] = fmt.Sprintf("销售 %d 号", p.rng.IntN(1000)) })
	return "the name of " + id
}

func (p *peopleEdits) leave() string {
	id := p.row(func(f []string) {
		f[5] = ""
		f[6] = fmt.Sprintf("2024-%02d-15", 3+p.rng.IntN(9))
	})
	return id + " leaving"
}

// hire adds a person to the team of a person of the roster.
func (p *peopleEdits) hire() string {
	text := p.read("content/people.csv")
	fields := rosterRow.FindStringSubmatch(p.pick(rosterRow.FindAllString(text, -1)))[1:]
	p.hires++
	id := fmt.Sprintf("h%03d", p.hires)
	p.write("content/people.csv", strings.TrimRight(text, "\n")+fmt.Sprintf("\n%s,新人 %d,%s,%s,销售代表,2024-%02d-01,,1\n", id, p.hires, fields[2], fields[3], 2+p.rng.IntN(10)))
	return "hired " + id
}

func (p *peopleEdits) manager() string {
	file := "content/regions/" + p.region() + ".toml"
	text := p.read(file)
	if !teamManager.MatchString(text) {
		return p.regionText()
	}
	p.write(file, strings.Replace(text, teamManager.FindString(text), fmt.Sprintf("manager = \"主管 %d\"", p.rng.IntN(100)), 1))
	return "a team's manager in " + file
}

func (p *peopleEdits) overassign() string {
	file := "content/regions/" + p.region() + ".toml"
	text := p.read(file)
	v := fmt.Sprintf("overassign = \"%d%%\"", p.rng.IntN(12))
	if overassignKV.MatchString(text) {
		p.write(file, strings.Replace(text, overassignKV.FindString(text), v, 1))
	} else {
		p.write(file, strings.Replace(text, "\nshare = ", "\n"+v+"\nshare = ", 1))
	}
	return "an over-assignment in " + file
}

// pages switches people_pages.
func (p *peopleEdits) pages() string {
	text := "people_pages = true\n"
	if strings.Contains(p.read("planbook.toml"), "true") {
		text = "people_pages = false\n"
	}
	p.write("planbook.toml", text)
	return "planbook.toml: " + strings.TrimSpace(text)
}
