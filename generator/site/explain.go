package site

import (
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"planbook/generator/explain"
)

// explainPath is the file of the explanations of a page's figures, beside
// it: regions/east/index.html → regions/east/index.explain.js.
func explainPath(page string) string { return strings.TrimSuffix(page, ".html") + ".explain.js" }

// explains reports whether a page of kind explains its figures in
// popovers: booklets and letters are printed, and their appendix explains.
func explains(kind string) bool { return kind != "booklet" && kind != "letter" }

// homes says where each figure is explained. A figure is explained once
// per site: a region's figures (regions.ID.…, and its teams'
// teams.ID.…), when the site has the region's page, in a file shared by
// a few regions, and a person's (people.ID.…) likewise when the site has
// people's pages, however many pages show them (the dashboard and the
// regions page show every region's row); any other figure in the file of
// each page that shows it. The few regions of a file are those whose id
// hashes to it (see homeOf): the pages' script finds a figure's file the
// same way (assets/js/explain.js), told by the main element how many
// files each kind has (data-explain-homes, "regions:125 people:1250") and
// where the site's root is (data-explain-root). A file per region would
// cost the file system as much again as the site's pages.
type homes struct {
	kinds string               // data-explain-homes
	ids   map[string]*homeKind // by kind: "regions", "people"
	// sum hashes them, for the cache: a page names its files, and each
	// figure's (a new region or person may move others to another file).
	sum [sha256.Size]byte
}

// homeKind is the figures of one kind that have homes.
type homeKind struct {
	pages map[string]string // the ids with a page, and their homes' files
	files int
}

// perHomeFile is about how many regions or people share a file of
// explanations: a region's figures take about 11 KB.
const perHomeFile = 16

// newHomes returns the homes of the figures of a site of jobs.
func newHomes(jobs []job) *homes {
	h := &homes{ids: map[string]*homeKind{}}
	add := func(kind, id string) {
		k := h.ids[kind]
		if k == nil {
			k = &homeKind{pages: map[string]string{}}
			h.ids[kind] = k
		}
		k.pages[id] = ""
	}
	for _, j := range jobs {
		switch {
		case j.kind == "region" && j.region != nil:
			add("regions", j.region.ID)
		case j.kind == "person" && j.person != nil:
			add("people", j.person.ID)
		}
	}
	var kinds []string
	sum := sha256.New()
	for _, kind := range []string{"regions", "people"} {
		if k := h.ids[kind]; k != nil {
			k.files = (len(k.pages) + perHomeFile - 1) / perHomeFile
			kinds = append(kinds, kind+":"+strconv.Itoa(k.files))
			ids := make([]string, 0, len(k.pages))
			for id := range k.pages {
				ids = append(ids, id)
				k.pages[id] = homeOf(kind, id, k.files)
			}
			sort.Strings(ids)
			sum.Write([]byte(kind + "\x00" + strings.Join(ids, "\x00") + "\x00"))
		}
	}
	h.kinds = strings.Join(kinds, " ")
	copy(h.sum[:], sum.Sum(nil))
	return h
}

// of returns the file that explains the figure at key, "" when it has no
// home.
func (h *homes) of(key string) string {
	top, rest, _ := strings.Cut(key, ".")
	id, _, _ := strings.Cut(rest, ".")
	if top == "teams" {
		top = "regions"
	}
	if k := h.ids[top]; k != nil {
		return k.pages[id]
	}
	return ""
}

// homeOf returns the file of explanations of the figures of the region or
// person id (kind "regions" or "people"), one of files: the 32-bit FNV-1a
// hash of the id, modulo files, which explain.js computes alike.
func homeOf(kind, id string, files int) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return kind + "/explain-" + strconv.Itoa(int(h.Sum32()%uint32(files))) + ".js"
}

// explainFiles adds to files the files of explanations of the figures the
// pages of jobs show (keys[i]: those of page i): every figure in its
// home's file (see homes), or else in that of each page showing it, which
// its main element names.
func (rd *siteRenderer) explainFiles(jobs []job, keys [][]string, files map[string][]byte) {
	byFile := map[string][]string{}
	for i, j := range jobs {
		if len(keys[i]) == 0 {
			continue
		}
		own := explainPath(j.path)
		for _, k := range keys[i] {
			file := rd.homes.of(k)
			if file == "" {
				file = own
			}
			byFile[file] = append(byFile[file], k)
		}
	}
	names := make([]string, 0, len(byFile))
	for name, ks := range byFile {
		slices.Sort(ks)
		byFile[name] = slices.Compact(ks)
		names = append(names, name)
	}
	sort.Strings(names)
	made := make([][]byte, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		g.Go(func() error {
			data := rd.explainFile(name, byFile[name])
			if rd.opts.Emit != nil {
				rd.opts.Emit(name, data)
			} else {
				made[i] = data
			}
			return nil
		})
	}
	g.Wait()
	if rd.opts.Emit == nil {
		for i, name := range names {
			files[name] = made[i]
		}
	}
}

// explainFile returns the explanations of the figures at keys, as a
// script that hands them to planbook.explained (see explain.Pack): the
// pages' script loads it with a script element when a figure is first
// asked about, which works on a server and opened from disk alike (a page
// read from disk may not fetch a file), under the pages' security policy.
// Made again only when the plan's inputs or the figures it holds changed.
func (rd *siteRenderer) explainFile(name string, keys []string) []byte {
	var key [sha256.Size]byte
	if rd.opts.Cache.keeping() {
		base := rd.explainBase()
		h := sha256.New()
		h.Write(base[:])
		h.Write([]byte(name + "\x00" + strings.Join(keys, "\x00")))
		copy(key[:], h.Sum(nil))
		if data, _, ok := rd.opts.Cache.get(name, key); ok {
			return data
		}
	}
	// A wording of the file's own: the words its figures share are made
	// once, and dropped with it.
	w := rd.explain.Wording(rd.lang, explain.WordsOptions{Private: !rd.r.ShowsPeople(), Shallow: true})
	p := explain.NewPack(len(keys))
	for _, k := range keys {
		d, err := rd.explain.Derive(k)
		if err != nil {
			continue // a figure planbook does not explain
		}
		p.Add(k, w.Words(d))
	}
	b := p.Bytes()
	rd.opts.Cache.keep(name, key, b)
	return b
}

// explainBase hashes what the explanations of a site's figures are made
// from: the language and every value written in the files the figures
// come from, with its place, but for the texts no explanation quotes (a
// manager, a stage, the promotions and other items). Editing a region's
// manager in planbook serve then keeps every page's explanations; editing
// a share makes them again (knock-on effects reach other regions' rows).
func (rd *siteRenderer) explainBase() [sha256.Size]byte {
	return rd.explainKey.get(struct{}{}, func() [sha256.Size]byte {
		values := rd.r.Plan.WrittenValues()
		ids := make([]string, 0, len(values))
		for id := range values {
			if !unexplained(id) {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		h := sha256.New()
		h.Write([]byte(rd.lang + "\x00"))
		for _, id := range ids {
			v := values[id]
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00", id, v.Pos.Line, v.Pos.Col, v.Text)
		}
		var sum [sha256.Size]byte
		copy(sum[:], h.Sum(nil))
		return sum
	})
}

// unexplained reports whether a written value (by its ID) is one no
// explanation of a figure quotes.
func unexplained(id string) bool {
	_, path, _ := strings.Cut(id, ":")
	for _, items := range []string{"promotions.", "trainings.", "milestones."} {
		if strings.HasPrefix(path, items) {
			return true
		}
	}
	last := path[strings.LastIndexByte(path, '.')+1:]
	return last == "manager" || last == "stage" || last == "class" || last == "role" || last == "title"
}
