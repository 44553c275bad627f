package site

import (
	"crypto/sha256"
	"sort"
	"strings"
	"sync"
)

// Cache keeps the pages of one site between builds, each with a key of
// everything it was rendered from. A page whose key did not change is not
// rendered again. planbook serve keeps one cache for its whole run.
type Cache struct {
	mu       sync.Mutex
	pages    map[string]cachedPage
	rendered int
}

type cachedPage struct {
	key  [sha256.Size]byte
	data []byte
}

// NewCache returns an empty page cache.
func NewCache() *Cache { return &Cache{pages: map[string]cachedPage{}} }

// Rendered returns how many pages the last Render with this cache had to
// render (the others came from the cache).
func (c *Cache) Rendered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rendered
}

func (c *Cache) get(path string, key [sha256.Size]byte) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[path]
	if ok && p.key == key {
		return p.data, true
	}
	return nil, false
}

func (c *Cache) put(path string, key [sha256.Size]byte, data []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[path] = cachedPage{key, data}
	c.rendered++
}

func (c *Cache) start() {
	if c != nil {
		c.mu.Lock()
		c.rendered = 0
		c.mu.Unlock()
	}
}

// inputs hashes what every page of a site is rendered from: the theme,
// every TOML file (the figures, the settings, the promotions and other
// items), and the navigation (the narrative pages' titles and slugs). A
// page adds its own Markdown to this.
func (b *builder) inputs() [sha256.Size]byte {
	h := sha256.New()
	h.Write(b.theme.version[:])
	h.Write([]byte(b.versionText() + "\x00"))
	var names []string
	for name := range b.r.Plan.Sources {
		if strings.HasSuffix(name, ".toml") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		h.Write([]byte(name + "\x00" + b.r.Plan.Sources[name] + "\x00"))
	}
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

// pageKey is the key of one page: the site's inputs, the page, and the
// Markdown files it shows.
func (b *builder) pageKey(path string, markdown ...string) [sha256.Size]byte {
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
