package plan

import (
	"bytes"
	"encoding/json"
	"path"
	"slices"
	"sort"
	"strings"

	"planbook/generator/diag"
)

// The schemas are not written by hand: Schemas runs the decoders of
// plan.toml, a region file and planbook.toml on empty tables that record
// every key the decoders ask for and how they read it (text, a date, a
// ratio, a table…). A key the loader reads is therefore a key of the
// schema, and a key it does not read is refused by both.

// valueKind is how the loader reads a key's value.
type valueKind int

const (
	kindAny      valueKind = iota // read by hand: any value
	kindText                      // text in quotes; see keyShape.enum
	kindInteger                   // a whole number
	kindBool                      // true or false
	kindDate                      // a TOML local date
	kindAmount                    // a number, 0 or more: an amount, a weight
	kindPositive                  // a number above 0
	kindRatio                     // a fraction or a percentage; see keyShape.ratio
	kindList                      // a list; see keyShape.items
	kindTable                     // a table; see keyShape.table
	kindTables                    // a list of tables ([[key]]); see keyShape.table
)

// anyKey stands, when recording a schema, for every key of a table whose
// keys are ids (mix.products, customer_counts).
const anyKey = "*"

// shape is what the decoder asks of one table.
type shape struct {
	keys map[string]*keyShape
}

// keyShape is how the decoder reads one key.
type keyShape struct {
	kind     valueKind
	required bool
	enum     []string  // kindText: the values allowed, when limited
	ratio    ratioKind // kindRatio
	items    *keyShape // kindList: every element, nil when not stated
	count    int       // kindList: how many elements, 0 when any number
	table    *shape    // kindTable, kindTables
}

// expect records, when t is recorded for a schema, that the decoder reads
// key as k. The first reading that says more than kindAny stands. Every
// accessor calls it on every key it reads: it keeps copies, so that
// nothing of k escapes to the heap when nothing is recorded.
func (t *table) expect(key string, k keyShape) {
	if t.shape == nil {
		return
	}
	if t.shape.keys == nil {
		t.shape.keys = map[string]*keyShape{}
	}
	if old, ok := t.shape.keys[key]; ok && old.kind != kindAny {
		if k.required {
			old.required = true
		}
		return
	}
	kept := &keyShape{kind: k.kind, required: k.required, enum: slices.Clone(k.enum), ratio: k.ratio, count: k.count}
	if k.items != nil {
		items := *k.items
		kept.items = &items
	}
	if k.kind == kindTable || k.kind == kindTables {
		kept.table = &shape{}
	}
	t.shape.keys[key] = kept
}

// record runs decode on an empty root table and returns what it asked.
func record(file string, decode func(t *table)) *shape {
	src := &source{file: file, errs: &diag.List{}, loc: newLocator("")}
	sh := &shape{}
	decode(&table{src: src, m: map[string]any{}, known: map[string]bool{}, shape: sh})
	return sh
}

// recorded returns what the decoders of each file ask, by schema name.
func recorded() map[string]*shape {
	return map[string]*shape{
		"plan.schema.json": record(PlanFile, func(t *table) { decodePlanTable(&Plan{}, t) }),
		"region.schema.json": record(RegionsDir+"/id.toml", func(t *table) {
			decodeRegionTable(&Plan{}, t, "id", t.src.errs)
		}),
		"planbook.schema.json": record(ConfigFile, func(t *table) { decodeConfig(t, Config{}) }),
	}
}

// SchemaFiles are the names of the schemas Schemas returns, with the site
// file each describes.
var SchemaFiles = []struct{ Name, For string }{
	{"plan.schema.json", PlanFile},
	{"region.schema.json", RegionsDir + "/*.toml"},
	{"planbook.schema.json", ConfigFile},
}

// SchemaDir is the folder of a site that planbook new and planbook schema
// write the schemas to, and that the #:schema comments of the site's files
// point to.
const SchemaDir = "schema"

// SchemaMark is in the description of every schema planbook writes, by
// which it knows its own schema files again.
const SchemaMark = "Written by planbook schema"

// SchemaFor returns the name of the schema of the site file name (a slash
// path), or "" when none describes it.
func SchemaFor(name string) string {
	switch {
	case name == ConfigFile:
		return "planbook.schema.json"
	case name == PlanFile:
		return "plan.schema.json"
	case path.Dir(name) == RegionsDir && path.Ext(name) == ".toml":
		return "region.schema.json"
	}
	return ""
}

// SchemaComment returns the first line of the site file name that points
// TOML language servers at its schema in SchemaDir: a path relative to the
// file, which is how they read it ("#:schema ../schema/plan.schema.json").
func SchemaComment(name string) string {
	up := strings.Repeat("../", strings.Count(name, "/"))
	return "#:schema " + up + SchemaDir + "/" + SchemaFor(name)
}

// Schemas returns the JSON Schemas (draft 4, which TOML language servers
// such as Taplo read) of content/plan.toml, a region file and
// planbook.toml, by the names of SchemaFiles. Each allows exactly the keys
// the loader reads, with the type it reads them as, and states the keys
// it requires; planbook check still does the rest (sums, references,
// ranges).
func Schemas() map[string][]byte {
	shapes := recorded()
	out := map[string][]byte{}
	for _, f := range SchemaFiles {
		s := objectSchema(shapes[f.Name], docsFor(f.Name), "")
		s["$schema"] = "http://json-schema.org/draft-04/schema#"
		s["title"] = f.For
		s["description"] = "The keys planbook reads in " + f.For + ". " + SchemaMark + " from planbook's own loader: run it again after upgrading planbook."
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(s)
		out[f.Name] = b.Bytes()
	}
	return out
}

// schemaPaths returns the dotted path of every key of sh, an entry of a
// list of tables and a key of a table whose keys are ids written as "*"
// ("products.*.id", "mix.products.*").
func schemaPaths(sh *shape, prefix string) []string {
	var out []string
	for k, ks := range sh.keys {
		p := join(prefix, k)
		out = append(out, p)
		if ks.kind == kindTables {
			out = append(out, schemaPaths(ks.table, join(p, anyKey))...)
		} else if ks.table != nil {
			out = append(out, schemaPaths(ks.table, p)...)
		}
	}
	sort.Strings(out)
	return out
}

// objectSchema is the schema of a table: the keys of sh and nothing else.
func objectSchema(sh *shape, docs func(path string) string, path string) map[string]any {
	s := map[string]any{"type": "object"}
	if d := docs(path); d != "" {
		s["description"] = d
	}
	props := map[string]any{}
	var required []string
	for k, ks := range sh.keys {
		p := join(path, k)
		if k == anyKey {
			s["patternProperties"] = map[string]any{idPattern.String(): valueSchema(ks, docs, p)}
			continue
		}
		props[k] = valueSchema(ks, docs, p)
		if ks.required {
			required = append(required, k)
		}
	}
	if len(props) > 0 {
		s["properties"] = props
	}
	s["additionalProperties"] = false
	if len(required) > 0 {
		// Draft 4 wants a required list that is not empty.
		sort.Strings(required)
		s["required"] = required
	}
	return s
}

// percentPattern is a ratio written as a percentage, as the loader reads
// it: "15%", "-2.5 %".
const percentPattern = `^\s*[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*%\s*$`

// valueSchema is the schema of one key's value.
func valueSchema(k *keyShape, docs func(path string) string, path string) map[string]any {
	var s map[string]any
	switch k.kind {
	case kindText:
		s = map[string]any{"type": "string"}
		if len(k.enum) > 0 {
			s["enum"] = k.enum
		}
	case kindInteger:
		s = map[string]any{"type": "integer"}
	case kindBool:
		s = map[string]any{"type": "boolean"}
	case kindDate:
		// A TOML local date, which language servers pass on as text.
		s = map[string]any{"type": "string", "format": "date"}
	case kindAmount:
		s = map[string]any{"type": "number", "minimum": 0}
	case kindPositive:
		s = map[string]any{"type": "number", "minimum": 0, "exclusiveMinimum": true}
	case kindRatio:
		number := map[string]any{"type": "number"}
		switch k.ratio {
		case growthRatio:
			number["minimum"] = -1
		case anyRatio:
		default:
			number["minimum"], number["maximum"] = 0, 1
		}
		s = map[string]any{"anyOf": []any{number, map[string]any{"type": "string", "pattern": percentPattern}}}
	case kindList:
		s = map[string]any{"type": "array"}
		if k.items != nil {
			s["items"] = valueSchema(k.items, func(string) string { return "" }, "")
		}
		if k.count > 0 {
			s["minItems"], s["maxItems"] = k.count, k.count
		}
	case kindTable:
		return objectSchema(k.table, docs, path)
	case kindTables:
		s = map[string]any{"type": "array", "items": objectSchema(k.table, docs, join(path, anyKey))}
	default:
		s = map[string]any{}
	}
	if d := docs(path); d != "" {
		s["description"] = d
	}
	return s
}
