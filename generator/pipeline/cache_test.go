package pipeline_test

import (
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"planbook/generator/pipeline"
	"planbook/internal/sitetest"
	"planbook/internal/synth"
)

var (
	cacheSeed  = flag.Uint64("cache.seed", 1, "seed of TestKeptBuilderEqualsFreshBuild's edits")
	cacheSteps = flag.Int("cache.steps", 60, "edits TestKeptBuilderEqualsFreshBuild makes (run more locally: -cache.steps 2000)")
)

// TestKeptBuilderEqualsFreshBuild proves the builder's caches (files,
// decoded regions, computed figures, data files, pages) against a fresh
// build: it makes random edits to a synthetic site (region files,
// narrative, plan.toml, actuals, files added and deleted, an invalid edit
// then its fix) and after each one builds with one kept builder, as
// planbook serve does, and once, as planbook build does (pipeline.Build,
// which writes each file as it is rendered). Both must report the same
// diagnostics and leave output folders equal byte for byte.
func TestKeptBuilderEqualsFreshBuild(t *testing.T) {
	files := synth.Site(synth.Options{Seed: *cacheSeed, Regions: 4, Products: 4, FixedEvery: 2, Narrative: true, ActualsThrough: 2})
	site := &editSite{t: t, dir: sitetest.Dir(t, sitetest.Files(files)), rng: rand.New(rand.NewPCG(*cacheSeed, 0xed17)), next: 7}
	for _, id := range site.regionIDs() {
		site.write("content/regions/"+id+".md", site.narrativeText()) // every region quoting figures
	}
	keptOut, freshOut := filepath.Join(t.TempDir(), "kept"), filepath.Join(t.TempDir(), "fresh")
	kept := pipeline.NewBuilder(pipeline.Options{Site: site.dir, Out: keptOut})
	for step := 0; step <= *cacheSteps; step++ {
		what, before := "the first build", site.snapshot()
		if step > 0 {
			what = site.edit()
		}
		keptRep, keptErr := kept.Build()
		freshRep, freshErr := pipeline.Build(pipeline.Options{Site: site.dir, Out: freshOut})
		if fmt.Sprint(keptErr) != fmt.Sprint(freshErr) || fmt.Sprint(keptRep.Diagnostics.Sorted()) != fmt.Sprint(freshRep.Diagnostics.Sorted()) {
			t.Fatalf("seed %d, step %d (%s): the kept builder reports\n%v\n%v\na fresh one\n%v\n%v", *cacheSeed, step, what,
				keptErr, keptRep.Diagnostics.Sorted(), freshErr, freshRep.Diagnostics.Sorted())
		}
		if diff := diffFolders(readAll(t, keptOut), readAll(t, freshOut)); diff != "" {
			t.Fatalf("seed %d, step %d (%s): the kept builder's output differs from a fresh build's:\n%s", *cacheSeed, step, what, diff)
		}
		t.Logf("step %d: %s: %d pages rendered, error: %.200v", step, what, keptRep.Pages, keptErr)
		if step == 0 && freshErr != nil {
			t.Fatalf("the synthetic site does not build: %v", freshErr)
		}
		if freshErr != nil && site.undo == nil {
			// An edit meant to be valid that the plan's rules refuse (a
			// share moved onto a region with its own seasonality, say):
			// undone in the next step, as an invalid edit is.
			site.undo = site.restorer(before)
		}
	}
}

// diffFolders describes how two folders' files differ, or returns "".
func diffFolders(kept, fresh map[string]string) string {
	var out []string
	for name, k := range kept {
		f, ok := fresh[name]
		switch {
		case !ok:
			out = append(out, name+": only in the kept builder's output")
		case f != k:
			out = append(out, name+": "+firstDiff(k, f))
		}
	}
	for name := range fresh {
		if _, ok := kept[name]; !ok {
			out = append(out, name+": only in the fresh build's output")
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// editSite makes random edits to a synthetic site.
type editSite struct {
	t    *testing.T
	dir  string
	rng  *rand.Rand
	next int    // the number of the next region added
	undo func() // fixes the invalid edit of the last step, if it made one
}

// edit makes one random edit and says what it did.
func (s *editSite) edit() string {
	if s.undo != nil {
		s.undo()
		s.undo = nil
		return "undoing the last edit"
	}
	edits := []func() string{
		s.regionText, s.regionText, s.regionText, s.swapShares, s.swapShares, s.narrative, s.narrative, s.narrative,
		s.page, s.page, s.planGrowth, s.actualsRow, s.actualsFile, s.addRegion, s.removeRegion, s.invalid, s.language,
	}
	return edits[s.rng.IntN(len(edits))]()
}

func (s *editSite) path(name string) string { return filepath.Join(s.dir, filepath.FromSlash(name)) }

func (s *editSite) read(name string) string {
	data, err := os.ReadFile(s.path(name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

func (s *editSite) write(name, text string) {
	if err := os.MkdirAll(filepath.Dir(s.path(name)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.path(name), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *editSite) remove(name string) {
	if err := os.Remove(s.path(name)); err != nil && !os.IsNotExist(err) {
		s.t.Fatal(err)
	}
}

// list returns the site's files in folder with the extension ext, sorted.
func (s *editSite) list(folder, ext string) []string {
	entries, _ := os.ReadDir(s.path(folder))
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ext) {
			out = append(out, folder+"/"+e.Name())
		}
	}
	return out
}

func (s *editSite) pick(list []string) string { return list[s.rng.IntN(len(list))] }

func (s *editSite) regionIDs() []string {
	var ids []string
	for _, f := range s.list("content/regions", ".toml") {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".toml"))
	}
	return ids
}

func (s *editSite) region() string { return s.pick(s.regionIDs()) }

var (
	managerLine   = regexp.MustCompile(`(?m)^manager = .*$`)
	headcountLine = regexp.MustCompile(`(?m)^headcount = .*$`)
	shareLine     = regexp.MustCompile(`(?m)^share = ([0-9.]+)$`) // a region's own share, in millionths
	growthLine    = regexp.MustCompile(`(?m)^growth = .*$`)
)

// regionText changes a region's manager or headcount.
func (s *editSite) regionText() string {
	file := "content/regions/" + s.region() + ".toml"
	text := s.read(file)
	if s.rng.IntN(2) == 0 {
		s.write(file, managerLine.ReplaceAllString(text, fmt.Sprintf("manager = \"经理 %d\"", s.rng.IntN(100))))
		return "a manager in " + file
	}
	s.write(file, headcountLine.ReplaceAllString(text, fmt.Sprintf("headcount = %d", 1+s.rng.IntN(9))))
	return "a headcount in " + file
}

// swapShares swaps the shares of two regions.
func (s *editSite) swapShares() string {
	a, b := "content/regions/"+s.region()+".toml", "content/regions/"+s.region()+".toml"
	ta, tb := s.read(a), s.read(b)
	sa, sb := shareLine.FindString(ta), shareLine.FindString(tb)
	s.write(a, strings.Replace(ta, sa, sb, 1))
	s.write(b, strings.Replace(tb, sb, sa, 1))
	return "the shares of " + a + " and " + b
}

// shortcodes are what an edit puts into Markdown: figures of the company,
// of one region or of all, and charts.
func (s *editSite) shortcode() string {
	id := s.region()
	codes := []string{
		`{{< value "target" >}}`, `{{< value "products.p01.target" >}}`, `{{< value "customers.new.count" >}}`,
		`{{< value "per_head.target" >}}`, `{{< value "channels.direct.target" >}}`, `{{< value "actuals.year.actual" >}}`,
		`{{< value "quarters.q2" >}}`, `{{< value "per_head.baseline" >}}`, `{{< value "kpis.market-share.target" >}}`,
		`{{< value "regions.` + id + `.target" >}}`, `{{< value "regions.` + id + `.headcount" >}}`,
		`{{< chart "quarters" >}}`, `{{< chart "regions" >}}`, `{{< chart "months" region="` + id + `" >}}`,
		`{{< chart "channels" region="` + id + `" >}}`, `{{< chart "actuals" >}}`,
	}
	return s.pick(codes)
}

// narrative writes a region's narrative, or removes it.
func (s *editSite) narrative() string {
	file := "content/regions/" + s.region() + ".md"
	if s.rng.IntN(4) == 0 {
		s.remove(file)
		return "removed " + file
	}
	s.write(file, s.narrativeText())
	return "the narrative " + file
}

func (s *editSite) narrativeText() string {
	return fmt.Sprintf("## Plan %d\n\nThe figures: %s, %s, %s.\n\n%s\n", s.rng.IntN(1000), s.shortcode(), s.shortcode(), s.shortcode(), s.shortcode())
}

// page adds, changes or removes a narrative section, for everyone or for
// some regions.
func (s *editSite) page() string {
	file := fmt.Sprintf("content/section-%d.md", s.rng.IntN(3))
	if s.rng.IntN(3) == 0 {
		s.remove(file)
		return "removed " + file
	}
	front := fmt.Sprintf("title = \"Section %d\"\nweight = %d\n", s.rng.IntN(5), s.rng.IntN(50))
	if s.rng.IntN(2) == 0 {
		front += fmt.Sprintf("regions = [%q]\n", s.region())
	}
	s.write(file, "+++\n"+front+"+++\nText with "+s.shortcode()+".\n")
	return "the section " + file
}

// planGrowth changes the company's growth target.
func (s *editSite) planGrowth() string {
	text := s.read("content/plan.toml")
	s.write("content/plan.toml", growthLine.ReplaceAllString(text, fmt.Sprintf("growth = \"%d%%\"", 5+s.rng.IntN(20))))
	return "the growth target in content/plan.toml"
}

// actualsRow changes the revenue of one row of an actuals file.
func (s *editSite) actualsRow() string {
	files := s.list("content/actuals", ".csv")
	if len(files) == 0 {
		return s.actualsFile()
	}
	file := s.pick(files)
	lines := strings.Split(strings.TrimSuffix(s.read(file), "\n"), "\n")
	if len(lines) < 2 {
		return s.actualsFile()
	}
	i := 1 + s.rng.IntN(len(lines)-1)
	fields := strings.Split(lines[i], ",")
	fields[len(fields)-1] = fmt.Sprintf("%d.%d", s.rng.IntN(50), s.rng.IntN(10))
	lines[i] = strings.Join(fields, ",")
	s.write(file, strings.Join(lines, "\n")+"\n")
	return "a row of " + file
}

// actualsFile adds the next month's actuals, or removes the last month's.
func (s *editSite) actualsFile() string {
	files := s.list("content/actuals", ".csv")
	if len(files) > 0 && s.rng.IntN(2) == 0 {
		last := files[len(files)-1]
		s.remove(last)
		return "removed " + last
	}
	month := fmt.Sprintf("2024-%02d", len(files)+1)
	var b strings.Builder
	b.WriteString("month,region,product,channel,customer,revenue\n")
	for _, id := range s.regionIDs() {
		fmt.Fprintf(&b, "%s,%s,p0%d,direct,new,%d\n", month, id, 1+s.rng.IntN(4), s.rng.IntN(40))
	}
	file := "content/actuals/" + month + ".csv"
	s.write(file, b.String())
	return "added " + file
}

// addRegion splits a region's share with a new region.
func (s *editSite) addRegion() string {
	from := "content/regions/" + s.region() + ".toml"
	text := s.read(from)
	share := millionths(shareLine.FindStringSubmatch(text)[1])
	id := fmt.Sprintf("r%04d", s.next)
	s.next++
	s.write(from, strings.Replace(text, shareLine.FindString(text), "share = "+ppm(share-share/2), 1))
	s.write("content/regions/"+id+".toml", fmt.Sprintf("name = \"大区 %s\"\nstage = \"growing\"\nmanager = \"经理 %s\"\nheadcount = 2\nshare = %s\n\n[[channels]]\nid = \"direct\"\nname = \"渠道 direct\"\nshare = \"100%%\"\n", id, id, ppm(share/2)))
	return "added region " + id + ", with half the share of " + from
}

// removeRegion removes a region (with its narrative and actual results)
// and gives its share to another.
func (s *editSite) removeRegion() string {
	ids := s.regionIDs()
	if len(ids) < 3 {
		return s.addRegion()
	}
	gone, to := ids[s.rng.IntN(len(ids))], ""
	for to == "" || to == gone {
		to = s.pick(ids)
	}
	share := millionths(shareLine.FindStringSubmatch(s.read("content/regions/" + gone + ".toml"))[1])
	toFile := "content/regions/" + to + ".toml"
	text := s.read(toFile)
	s.write(toFile, strings.Replace(text, shareLine.FindString(text), "share = "+ppm(share+millionths(shareLine.FindStringSubmatch(text)[1])), 1))
	s.remove("content/regions/" + gone + ".toml")
	s.remove("content/regions/" + gone + ".md")
	for _, file := range s.list("content/actuals", ".csv") {
		var keep []string
		for _, line := range strings.SplitAfter(s.read(file), "\n") {
			if !strings.Contains(line, ","+gone+",") {
				keep = append(keep, line)
			}
		}
		if len(keep) > 2 { // more than the header and the last line's end
			s.write(file, strings.Join(keep, ""))
		} else {
			s.remove(file)
		}
	}
	for _, file := range s.list("content", ".md") {
		if text := s.read(file); strings.Contains(text, gone) {
			s.remove(file)
		}
	}
	for _, file := range s.list("content/regions", ".md") {
		if text := s.read(file); strings.Contains(text, gone) {
			s.remove(file)
		}
	}
	return "removed region " + gone + ", its share to " + to
}

// invalid breaks a file; the next step puts it back.
func (s *editSite) invalid() string {
	undo := s.restorer(s.snapshot())
	var file string
	switch s.rng.IntN(3) {
	case 0:
		file = "content/regions/" + s.region() + ".toml"
		s.write(file, strings.Replace(s.read(file), "manager =", "manger =", 1))
	case 1:
		file = "content/regions/" + s.region() + ".md"
		text := "Fine text.\n"
		if _, err := os.Stat(s.path(file)); err == nil {
			text = s.read(file)
		}
		s.write(file, text+"\n{{< value \"regions.nowhere.target\" >}}\n")
	default:
		file = "content/plan.toml"
		s.write(file, growthLine.ReplaceAllString(s.read(file), `growth = "ten percent"`))
	}
	s.undo = undo
	return "broke " + file
}

// snapshot reads every file of the site.
func (s *editSite) snapshot() map[string]string {
	files := map[string]string{}
	filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(s.dir, p)
			files[filepath.ToSlash(rel)] = s.read(filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}

// restorer returns a function that puts the site back as in snap.
func (s *editSite) restorer(snap map[string]string) func() {
	return func() {
		for name := range s.snapshot() {
			if _, ok := snap[name]; !ok {
				s.remove(name)
			}
		}
		for name, text := range snap {
			if _, err := os.Stat(s.path(name)); err != nil || s.read(name) != text {
				s.write(name, text)
			}
		}
	}
}

// language switches the site between Chinese and English.
func (s *editSite) language() string {
	text := "language = \"en\"\n"
	if _, err := os.Stat(s.path("planbook.toml")); err == nil && strings.Contains(s.read("planbook.toml"), "en") {
		text = "language = \"zh-CN\"\n"
	}
	s.write("planbook.toml", text)
	return "planbook.toml: " + strings.TrimSpace(text)
}

// millionths reads a share written as a decimal fraction.
func millionths(s string) int {
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "000000")[:6]
	w, _ := strconv.Atoi(whole)
	f, _ := strconv.Atoi(frac)
	return w*1_000_000 + f
}

// ppm writes millionths as a decimal fraction.
func ppm(v int) string {
	s := fmt.Sprintf("%d.%06d", v/1_000_000, v%1_000_000)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}
