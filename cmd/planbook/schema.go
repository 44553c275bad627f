package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"planbook/generator/plan"
	"planbook/generator/starter"
)

func init() {
	commands = append(commands, &command{
		name:    "schema",
		summary: "write the JSON Schemas of the TOML files, for editors",
		usage: `Usage: planbook schema [-s SITE] [-o DIR] [--force]

Writes the JSON Schemas of content/plan.toml, the region files and
planbook.toml (plan.schema.json, region.schema.json, planbook.schema.json)
to DIR. They are made from the keys planbook reads, so they always match
this planbook. Editors with a TOML language server (Taplo, or Even Better
TOML in VS Code) read a file's schema from a comment on its first line,
a path relative to the file, and then complete keys, describe them and
flag a misspelt key or a value of the wrong type as you type:

  planbook.toml             #:schema schema/planbook.schema.json
  content/plan.toml         #:schema ../schema/plan.schema.json
  content/regions/ID.toml   #:schema ../../schema/region.schema.json

planbook new writes the schemas and these comments. Run planbook schema
again after upgrading planbook. A file of the same name that planbook did
not write is not replaced, unless --force.

Flags:
  -s SITE    the site folder (default: the current folder)
  -o DIR     where to write them (default: the schema folder of SITE)
  --force    replace files of the same name that planbook did not write

Example:
  planbook schema
  planbook schema -o ~/schemas/planbook
`,
		run: runSchema,
	})
}

func runSchema(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("o", "", "output folder")
	force := fs.Bool("force", false, "replace files planbook did not write")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*site, plan.SchemaDir)
	}
	written, err := starter.WriteSchemas(*out, *force)
	for _, name := range written {
		fmt.Fprintf(stdout, "Wrote %s\n", name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "planbook schema: %v\n", err)
		return 1
	}
	return 0
}
