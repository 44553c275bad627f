// Package tomlschema validates TOML documents against JSON Schemas as TOML
// language servers do: the document decoded to JSON values, dates and
// times as text. Tests use it to hold planbook's schemas to the files
// planbook reads.
package tomlschema

import (
	"bytes"
	"fmt"
	"sort"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Validator holds compiled schemas by name.
type Validator struct {
	schemas map[string]*jsonschema.Schema
}

// New compiles the schemas, JSON texts by name, as draft 4 (which they
// declare) with formats such as "date" asserted.
func New(schemas map[string][]byte) (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	names := make([]string, 0, len(schemas))
	for name := range schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemas[name]))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := c.AddResource(name, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	v := &Validator{schemas: map[string]*jsonschema.Schema{}}
	for _, name := range names {
		s, err := c.Compile(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		v.schemas[name] = s
	}
	return v, nil
}

// Validate validates the TOML text against the schema name.
func (v *Validator) Validate(name, text string) error {
	doc, err := Decode(text)
	if err != nil {
		return err
	}
	return v.ValidateValue(name, doc)
}

// ValidateValue validates a document as Decode returns it against the
// schema name.
func (v *Validator) ValidateValue(name string, doc any) error {
	s, ok := v.schemas[name]
	if !ok {
		return fmt.Errorf("no schema %s", name)
	}
	return s.Validate(doc)
}

// Decode decodes TOML text into JSON values: tables as map[string]any,
// arrays (of tables too) as []any, integers as int64, floats as float64,
// dates and times as text ("2024-03-10").
func Decode(text string) (any, error) {
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		return nil, err
	}
	return jsonValue(m), nil
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return x.Format(time.DateOnly)
		case "time-local":
			return x.Format("15:04:05.999999999")
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999999999")
		}
		return x.Format(time.RFC3339Nano)
	}
	return v
}
