package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"planbook/generator/plan"
	"planbook/generator/publish"
)

// ErrForeign is returned by WriteSchemas for a file it would replace that
// planbook did not write.
var ErrForeign = errors.New("not written by planbook schema")

// WriteSchemas writes the schemas of plan.Schemas into the folder dir,
// creating it, and returns the files written. Each replaces a schema
// planbook wrote before; a file of the same name that planbook did not
// write is refused unless force is set.
func WriteSchemas(dir string, force bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	schemas := plan.Schemas()
	for _, f := range plan.SchemaFiles {
		name := filepath.Join(dir, f.Name)
		old, err := os.ReadFile(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return written, err
		case !force && !bytes.Contains(old, []byte(plan.SchemaMark)):
			return written, fmt.Errorf("%s exists and was %w: give another folder with -o, or --force to replace it", name, ErrForeign)
		}
		if err := publish.WriteFile(name, schemas[f.Name]); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	return written, nil
}
