package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"planbook/generator/compute"
	"planbook/generator/pipeline"
	"planbook/generator/plan"
	"planbook/generator/site"
	"planbook/internal/sitetest"
	"planbook/internal/synth"
)

// The benchmarks build synthetic plans of 12 products and 50, 500 and
// 2,000 regions (every tenth with its own seasonality and mixes, each with
// a narrative): go test ./generator/pipeline -run '^$' -bench . -benchtime 3x
var benchSizes = []int{50, 500, 2000}

func synthOptions(n int) synth.Options {
	return synth.Options{Seed: 1, Regions: n, Products: 12, FixedEvery: 10, Narrative: true}
}

func synthFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range synth.Site(synthOptions(n)) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// synthDir writes a synthetic site to a folder.
func synthDir(b *testing.B, n int) string {
	return sitetest.Dir(b, sitetest.Files(synth.Site(synthOptions(n))))
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		fsys := synthFS(n)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, errs := plan.Load(fsys); errs.HasErrors() {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

// BenchmarkLoadActuals loads the plans with nine months of actual
// results (one file per month; 216,000 rows at 2,000 regions).
func BenchmarkLoadActuals(b *testing.B) {
	for _, n := range benchSizes {
		o := synthOptions(n)
		o.ActualsThrough = 9
		fsys := fstest.MapFS{}
		for name, text := range synth.Site(o) {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, errs := plan.Load(fsys); errs.HasErrors() {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes {
		p, errs := plan.Load(synthFS(n))
		if errs.HasErrors() {
			b.Fatal(errs.Err())
		}
		r, _ := compute.Compute(p)
		th, terrs := pipeline.LoadTheme(b.TempDir(), "default")
		if terrs.HasErrors() {
			b.Fatal(terrs.Err())
		}
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, errs := site.Render(r, th, site.Options{}); errs.HasErrors() {
					b.Fatal(errs.Err())
				}
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			}
		})
	}
}

// BenchmarkBuild is the whole pipeline into an empty output folder.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		dir := synthDir(b, n)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) { benchBuilds(b, dir) })
	}
}

// benchBuilds builds the site in dir into a new output folder b.N times,
// as planbook build does, and reports the CPU time of a build.
func benchBuilds(b *testing.B, dir string) {
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i))
		if _, err := pipeline.Build(pipeline.Options{Site: dir, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu > 0 {
		b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkBuildExplainOff is BenchmarkBuild of a site whose figures do
// not explain themselves (explain = false in planbook.toml): no popovers,
// no files of explanations.
func BenchmarkBuildExplainOff(b *testing.B) {
	for _, n := range benchSizes {
		files := synth.Site(synthOptions(n))
		files["planbook.toml"] += "explain = false\n"
		dir := sitetest.Dir(b, sitetest.Files(files))
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) { benchBuilds(b, dir) })
	}
}

// BenchmarkRebuildRegionFile keeps one builder, as planbook serve does,
// and changes one region file before every build.
func BenchmarkRebuildRegionFile(b *testing.B) {
	for _, n := range benchSizes {
		dir := synthDir(b, n)
		bl := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(b.TempDir(), "out")})
		if _, err := bl.Build(); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, "content", "regions", "r0002.toml")
		orig, _ := os.ReadFile(file)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				text := strings.Replace(string(orig), `manager = "经理 2"`, fmt.Sprintf(`manager = "经理 2-%d"`, i), 1)
				os.WriteFile(file, []byte(text), 0o644)
				if _, err := bl.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildNarrative keeps one builder and changes one region's
// narrative before every build.
func BenchmarkRebuildNarrative(b *testing.B) {
	for _, n := range benchSizes {
		dir := synthDir(b, n)
		bl := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(b.TempDir(), "out")})
		if _, err := bl.Build(); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, "content", "regions", "r0002.md")
		orig, _ := os.ReadFile(file)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				os.WriteFile(file, []byte(fmt.Sprintf("%s\nEdit %d.\n", orig, i)), 0o644)
				if _, err := bl.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildActuals keeps one builder on a plan with nine months of
// actual results (one file per month) and changes one row of the last
// month before every build: the actuals are read and compared again, and
// the pages of the region whose figures moved are rendered again.
func BenchmarkRebuildActuals(b *testing.B) {
	for _, n := range benchSizes {
		o := synthOptions(n)
		o.ActualsThrough = 9
		dir := sitetest.Dir(b, sitetest.Files(synth.Site(o)))
		bl := pipeline.NewBuilder(pipeline.Options{Site: dir, Out: filepath.Join(b.TempDir(), "out")})
		if _, err := bl.Build(); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, "content", "actuals", "2024-09.csv")
		orig, _ := os.ReadFile(file)
		first := strings.Index(string(orig), "\n") + 1
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				text := string(orig[:first]) + fmt.Sprintf("2024-09,r0002,p01,direct,new,%d\n", i%7) + string(orig[first:])
				os.WriteFile(file, []byte(text), 0o644)
				if _, err := bl.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildPrinted changes one region's narrative before every
// build, with no printed booklets and with a booklet.pdf of 800 KB in
// every region's folder (the size of a printed booklet of the example
// site): the others are compared with their booklets and carried over. It
// keeps one builder, as planbook serve does, on the plans of 50 and 500
// regions, and builds once each time, as planbook build does
// (pipeline.Build), on the plan of 50. Besides the time and the bytes allocated per
// build it reports the heap in use after the builds, with the last
// builder still alive (held-MB): what a kept builder holds between builds.
//
//	go test ./generator/pipeline -run '^$' -bench RebuildPrinted -benchmem -benchtime 20x
func BenchmarkRebuildPrinted(b *testing.B) {
	for _, c := range []struct {
		n    int
		kept bool
	}{{50, true}, {500, true}, {50, false}} {
		for _, printed := range []bool{false, true} {
			dir := synthDir(b, c.n)
			opts := pipeline.Options{Site: dir, Out: filepath.Join(b.TempDir(), "out")}
			bl := pipeline.NewBuilder(opts)
			if _, err := bl.Build(); err != nil {
				b.Fatal(err)
			}
			if printed {
				pdfs, _ := filepath.Glob(filepath.Join(opts.Out, "regions", "*", "booklet.html"))
				for _, p := range pdfs {
					os.WriteFile(filepath.Join(filepath.Dir(p), pipeline.BookletPDF), make([]byte, 800<<10), 0o644)
				}
			}
			file := filepath.Join(dir, "content", "regions", "r0002.md")
			orig, _ := os.ReadFile(file)
			builder := map[bool]string{true: "kept", false: "new"}[c.kept]
			b.Run(fmt.Sprintf("regions=%d/printed=%v/builder=%s", c.n, printed, builder), func(b *testing.B) {
				build := bl.Build
				if !c.kept {
					build = func() (*pipeline.Report, error) { return pipeline.Build(opts) }
				}
				for i := 0; b.Loop(); i++ {
					os.WriteFile(file, []byte(fmt.Sprintf("%s\nEdit %d.\n", orig, i)), 0o644)
					if _, err := build(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(heldMB(), "held-MB")
			})
			runtime.KeepAlive(bl)
		}
	}
}

// heldMB returns the heap in use, in MB, once the garbage is collected.
func heldMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkBuildPeople is BenchmarkBuild with teams in two regions in
// three and a roster of ten people per region, shown (people_pages =
// true): every person's page and letter too (20,000 people, 44,000 pages
// at 2,000 regions).
//
//	go test ./generator/pipeline -run '^$' -bench BuildPeople -benchtime 3x
func BenchmarkBuildPeople(b *testing.B) {
	for _, n := range benchSizes {
		o := synthOptions(n)
		o.People = 10
		files := synth.Site(o)
		files["planbook.toml"] = "people_pages = true\n"
		dir := sitetest.Dir(b, sitetest.Files(files))
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			var rep *pipeline.Report
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				out := filepath.Join(b.TempDir(), fmt.Sprint(i))
				var err error
				if rep, err = pipeline.Build(pipeline.Options{Site: dir, Out: out}); err != nil {
					b.Fatal(err)
				}
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			}
			b.ReportMetric(float64(rep.HTML), "pages")
		})
	}
}
