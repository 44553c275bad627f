// Package themes embeds planbook's built-in theme, themes/default: its
// templates, style sheet, script and the vendored chart library.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default is the built-in theme, rooted at its folder.
var Default fs.FS

func init() {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err)
	}
	Default = sub
}
