package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"planbook/generator/diag"
)

// Theme is the files a site is rendered with: the site's own theme folder
// (themes/NAME in the site) over the built-in default theme, so that a
// site overrides any file by putting its own at the same path.
type Theme struct {
	layers []layer // first wins
	pages  map[string]*template.Template
	// Assets are the theme's static files (under assets/), copied to the
	// output as they are.
	Assets map[string][]byte
	// version is a hash of every file of the theme.
	version [sha256.Size]byte
	// fonts are the web fonts split by unicode-range, of which a site
	// gets only the files its pages use.
	fonts *fontFiles
}

type layer struct {
	fsys fs.FS
	name string // for messages: "themes/default/" or "built-in theme"
}

// PageTemplates are the templates a theme has, one per kind of page; each
// is executed with the base layout and the partials.
var PageTemplates = []string{"dashboard", "regions", "region", "products", "actuals", "page", "changes", "booklet", "people", "person", "letter"}

// LoadTheme reads a theme: site, when not nil, is the site's theme folder
// (named dir in messages), laid over builtin. Templates are parsed once.
func LoadTheme(site fs.FS, dir string, builtin fs.FS) (*Theme, *diag.List) {
	errs := &diag.List{}
	th := &Theme{pages: map[string]*template.Template{}, Assets: map[string][]byte{}}
	if site != nil {
		th.layers = append(th.layers, layer{site, dir})
	}
	th.layers = append(th.layers, layer{builtin, "built-in theme "})
	files, err := th.files()
	if err != nil {
		errs.Errorf(dir, 0, 0, "reading the theme: %v", err)
		return th, errs
	}
	base := template.New("base")
	var partials []string
	for _, f := range files {
		if strings.HasPrefix(f, "templates/partials/") && path.Ext(f) == ".html" {
			partials = append(partials, f)
		}
	}
	for _, f := range append([]string{"templates/base.html"}, partials...) {
		if err := th.parse(base, f); err != nil {
			errs.Add(*err)
		}
	}
	for _, name := range PageTemplates {
		t, err := base.Clone()
		if err != nil {
			errs.Errorf(dir, 0, 0, "theme: %v", err)
			continue
		}
		if err := th.parse(t, "templates/"+name+".html"); err != nil {
			errs.Add(*err)
			continue
		}
		th.pages[name] = t
	}
	h := sha256.New()
	for _, f := range files {
		if data, _, err := th.read(f); err == nil {
			h.Write([]byte(f + "\x00"))
			h.Write(data)
		}
	}
	copy(th.version[:], h.Sum(nil))
	for _, f := range files {
		if strings.HasPrefix(f, "assets/") {
			data, where, err := th.read(f)
			if err != nil {
				errs.Errorf(where+f, 0, 0, "reading the theme: %v", err)
				continue
			}
			th.Assets[f] = data
		}
	}
	th.fonts = findFonts(th.Assets)
	return th, errs
}

// parse adds the template file name to t; an error names the file and,
// where the template package gives one, the line.
func (th *Theme) parse(t *template.Template, name string) *diag.Diagnostic {
	data, where, err := th.read(name)
	if err != nil {
		return &diag.Diagnostic{Level: diag.Error, File: where + name, Message: "theme template missing: " + err.Error()}
	}
	if _, err := t.New(name).Parse(string(data)); err != nil {
		d := diag.Diagnostic{Level: diag.Error, File: where + name, Message: "theme template: " + err.Error()}
		// Messages look like "template: NAME:LINE: text".
		if _, rest, ok := strings.Cut(err.Error(), name+":"); ok {
			var line int
			if _, e := fmt.Sscanf(rest, "%d:", &line); e == nil {
				d.Line = line
			}
		}
		return &d
	}
	return nil
}

// maxFileSize is the largest theme file read.
const maxFileSize = 10 << 20

// read returns a theme file from the first layer that has it, and where it
// came from.
func (th *Theme) read(name string) ([]byte, string, error) {
	for _, l := range th.layers {
		if info, err := fs.Stat(l.fsys, name); err == nil && info.Size() > maxFileSize {
			return nil, l.name, fmt.Errorf("file too large: %.1f MiB, the limit is 10 MiB", float64(info.Size())/(1<<20))
		}
		data, err := fs.ReadFile(l.fsys, name)
		if err == nil {
			return data, l.name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, l.name, err
		}
	}
	return nil, "", fs.ErrNotExist
}

// files lists every file of every layer, sorted, each once.
func (th *Theme) files() ([]string, error) {
	seen := map[string]bool{}
	for _, l := range th.layers {
		err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == "." {
					return fs.SkipDir
				}
				return err
			}
			if !d.IsDir() && !strings.HasPrefix(path.Base(p), ".") {
				seen[p] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out, nil
}

// Page returns the template for a kind of page.
func (th *Theme) Page(kind string) *template.Template { return th.pages[kind] }
