package site

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"planbook/generator/compute"
	"planbook/generator/data"
	"planbook/generator/plan"
	"strings"
	"sync"
)

// Cache keeps the pages of one site between builds, each with a key of
// everything it was rendered from. A page whose key did not change is not
// rendered again. planbook serve keeps one cache for its whole run.
type Cache struct {
	keeps    bool // false: it only counts (NewCounter)
	mu       sync.Mutex
	pages    map[string]cachedPage
	rendered int
	charts   int
	// What the last render derived from its figures, and their key.
	figuresKey    [sha256.Size]byte
	tree          data.Object
	regionFigures map[string][sha256.Size]byte
}

// figures returns what the last render derived from figures with the
// given key, or nil when the key is zero or different.
func (c *Cache) figures(key [sha256.Size]byte) (data.Object, map[string][sha256.Size]byte) {
	if !c.keeping() || key == ([sha256.Size]byte{}) {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.figuresKey != key {
		return nil, nil
	}
	return c.tree, c.regionFigures
}

func (c *Cache) keepFigures(key [sha256.Size]byte, tree data.Object, regions map[string][sha256.Size]byte) {
	if !c.keeping() || key == ([sha256.Size]byte{}) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.figuresKey, c.tree, c.regionFigures = key, tree, regions
}

type cachedPage struct {
	key  [sha256.Size]byte
	data []byte
	keys []string // the value keys its figures name
}

// NewCache returns an empty page cache.
func NewCache() *Cache { return &Cache{keeps: true, pages: map[string]cachedPage{}} }

// NewCounter returns a cache that keeps nothing, for a site rendered once:
// it counts what Render rendered (Rendered, Charts), and Render works out
// none of the keys a kept page needs.
func NewCounter() *Cache { return &Cache{pages: map[string]cachedPage{}} }

// keeping reports whether c keeps what it is given.
func (c *Cache) keeping() bool { return c != nil && c.keeps }

// Rendered returns how many pages the last Render with this cache had to
// render (the others came from the cache).
func (c *Cache) Rendered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rendered
}

func (c *Cache) get(path string, key [sha256.Size]byte) ([]byte, []string, bool) {
	if !c.keeping() {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[path]
	if ok && p.key == key {
		return p.data, p.keys, true
	}
	return nil, nil, false
}

func (c *Cache) put(path string, key [sha256.Size]byte, data []byte, keys []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keeps {
		c.pages[path] = cachedPage{key, data, keys}
	}
	c.rendered++
}

// keep keeps a file made from the pages, which Rendered does not count.
func (c *Cache) keep(path string, key [sha256.Size]byte, data []byte) {
	if !c.keeping() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[path] = cachedPage{key: key, data: data}
}

func (c *Cache) start() {
	if c != nil {
		c.mu.Lock()
		c.rendered, c.charts = 0, 0
		c.mu.Unlock()
	}
}

func (c *Cache) addCharts(n int) {
	if c != nil {
		c.mu.Lock()
		c.charts += n
		c.mu.Unlock()
	}
}

// inputs hashes what every page of a site is rendered from: the theme,
// where the figures are explained (see homes), every TOML and actuals file
// (the figures, the settings, the promotions and other items), and the
// navigation (the narrative pages' titles and slugs). A page adds its own
// Markdown to this.
func (b *siteRenderer) inputs() [sha256.Size]byte {
	h := sha256.New()
	h.Write(b.theme.version[:])
	h.Write(b.homes.sum[:])
	h.Write([]byte(b.versionText() + "\x00"))
	figures := b.r.Plan.SourcesSum(plan.IsFigures)
	h.Write(figures[:])
	for _, pg := range b.r.Plan.Pages {
		h.Write([]byte(pg.Slug + "\x00" + pg.Title + "\x00"))
	}
	if b.opts.Changes != nil {
		h.Write([]byte("changes\x00")) // the navigation links the Changes page
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// regionInputs hashes what every region's page and booklet share: the
// theme, where the figures are explained, the navigation, the settings,
// the company plan (plan.toml), and every region's id and name (items
// name the regions they are for).
// A region's page adds its own figures, file and Markdown to this, so that
// a change to one region re-renders only the pages whose figures moved.
func (b *siteRenderer) regionInputs() [sha256.Size]byte {
	h := sha256.New()
	h.Write(b.theme.version[:])
	h.Write(b.homes.sum[:])
	h.Write([]byte(b.versionText() + "\x00"))
	for _, name := range []string{"planbook.toml", "content/plan.toml"} {
		h.Write([]byte(name + "\x00" + b.r.Plan.Sources[name] + "\x00"))
	}
	if b.r.Actuals != nil {
		h.Write([]byte("actuals\x00")) // the navigation links the actuals page
	}
	for _, reg := range b.r.Plan.Regions {
		h.Write([]byte(reg.ID + "\x00" + reg.Name + "\x00"))
	}
	for _, pg := range b.r.Plan.Pages {
		h.Write([]byte(pg.Slug + "\x00" + pg.Title + "\x00"))
	}
	if b.opts.Changes != nil {
		h.Write([]byte("changes\x00"))
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// regionFiguresKeys hashes each region's figures: its part of plan.json
// (its teams and people too), and its actual results when there are any.
func (b *siteRenderer) regionFiguresKeys() map[string][sha256.Size]byte {
	out := map[string][sha256.Size]byte{}
	regions, _ := b.tree.Get("regions").(data.List)
	teams := b.teamsEntries()
	computed := make(map[string]*compute.Region, len(b.r.Regions))
	for _, reg := range b.r.Regions {
		computed[reg.ID] = reg
	}
	for _, v := range regions {
		id, _ := v.(data.Object).Get("id").(data.Leaf)
		h := sha256.New()
		h.Write(data.Marshal(v))
		b.teamsFigures(h, computed[id.S], teams[id.S])
		if ra := b.regionActual(id.S); ra != nil {
			fmt.Fprintf(h, "\x00%d", b.r.Actuals.Through)
			for _, x := range append([]*big.Rat{ra.Target, ra.Plan, ra.Actual, ra.Projection}, ra.Months[:]...) {
				h.Write([]byte("\x00" + x.RatString()))
			}
		}
		var sum [sha256.Size]byte
		copy(sum[:], h.Sum(nil))
		out[id.S] = sum
	}
	return out
}

// regionKey is the key of a region's page or booklet when its Markdown
// uses only figures of the company plan and of the region itself; ok is
// false otherwise, and the page takes the key of the whole site.
func (b *siteRenderer) regionKey(path string, reg *compute.Region, markdown []string) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	for _, file := range markdown {
		if !b.regionLocal(b.r.Plan.Sources[file], reg.ID) {
			return sum, false
		}
	}
	h := sha256.New()
	h.Write(b.regionBase[:])
	h.Write([]byte(path + "\x00" + reg.File + "\x00" + b.r.Plan.Sources[reg.File] + "\x00"))
	figures := b.regionFigures[reg.ID]
	h.Write(figures[:])
	for _, file := range markdown {
		h.Write([]byte(file + "\x00" + b.r.Plan.Sources[file] + "\x00"))
	}
	copy(sum[:], h.Sum(nil))
	return sum, true
}

// regionLocal reports whether Markdown text uses only figures and charts
// of the company plan and of the region id.
func (b *siteRenderer) regionLocal(text, id string) bool {
	if !strings.Contains(text, "{{<") {
		return true
	}
	codes, errs := ParseShortcodes(text)
	if len(errs) > 0 {
		return false
	}
	for _, sc := range codes {
		switch sc.Name {
		case "":
		case "value":
			if len(sc.Args) != 1 || !localValue(sc.Args[0], id) {
				return false
			}
		case "chart":
			region, hasRegion := sc.Params["region"]
			if len(sc.Args) != 1 || len(sc.Params) > 1 ||
				(hasRegion && region != id) || (!hasRegion && !companyCharts[sc.Args[0]]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func localValue(key, id string) bool {
	return strings.HasPrefix(key, "regions."+id+".") || data.FromPlan(key)
}

// pageKey is the key of one page: the site's inputs, the page, and the
// Markdown files it shows.
func (b *siteRenderer) pageKey(path string, markdown ...string) [sha256.Size]byte {
	h := sha256.New()
	h.Write(b.base[:])
	h.Write([]byte(path + "\x00"))
	for _, file := range markdown {
		h.Write([]byte(file + "\x00" + b.r.Plan.Sources[file] + "\x00"))
	}
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
