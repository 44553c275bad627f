package explain

import (
	"bytes"
	"encoding/json"
	"math/big"

	"planbook/generator/data"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
)

// jsonDerivation is a derivation as planbook explain --format json writes
// it: the data, with its words in the plan's language beside.
type jsonDerivation struct {
	Key        string       `json:"key,omitempty"`
	Label      string       `json:"label,omitempty"`
	Kind       string       `json:"kind"`
	Value      any          `json:"value"`
	Rule       Rule         `json:"rule"`
	Table      string       `json:"table,omitempty"`
	Exact      *json.Number `json:"exact,omitempty"`
	Fraction   string       `json:"exact_fraction,omitempty"`
	Rounding   Rounding     `json:"rounding,omitempty"`
	Adjustment *json.Number `json:"adjustment,omitempty"`
	Words      jsonWords    `json:"words"`
	Inputs     []jsonInput  `json:"inputs"`
}

type jsonWords struct {
	Rule     string `json:"rule"`
	Formula  string `json:"formula,omitempty"`
	Rounding string `json:"rounding,omitempty"`
}

type jsonInput struct {
	Role   Role            `json:"role"`
	Kind   string          `json:"kind"`
	Value  any             `json:"value"`
	Own    bool            `json:"own"`
	Key    string          `json:"key,omitempty"`
	Exact  bool            `json:"exact,omitempty"`
	Source *jsonSource     `json:"source,omitempty"`
	Parts  []jsonInput     `json:"parts,omitempty"`
	Via    *jsonDerivation `json:"via,omitempty"`
	// Derivation explains an input that is a figure, down to the depth
	// asked for.
	Derivation *jsonDerivation `json:"derivation,omitempty"`
}

type jsonSource struct {
	ID   string `json:"id"`
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Text string `json:"text"`
}

var kindNames = map[data.Kind]string{data.Amount: "amount", data.Ratio: "ratio", data.Count: "count", data.Quantity: "quantity", data.Text: "text"}

// JSON writes d as data, with its words in l, explaining the figures
// among its inputs down to depth levels.
func (e *Explainer) JSON(d *Derivation, l i18n.Lang, depth int) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(e.jsonOf(d, l, depth))
	return b.Bytes()
}

func (e *Explainer) jsonOf(d *Derivation, l i18n.Lang, depth int) *jsonDerivation {
	w := e.words(d, l, WordsOptions{})
	j := &jsonDerivation{Key: d.Key, Label: w.Label, Kind: kindNames[d.Kind], Value: jsonValue(d.Kind, d.Value, d.Text),
		Rule: d.Rule, Table: d.Table, Rounding: d.Rounding,
		Words:  jsonWords{Rule: w.Rule, Formula: w.Formula, Rounding: w.Rounding},
		Inputs: []jsonInput{}}
	if d.Exact != nil {
		j.Exact, j.Fraction = decimal(d.Exact), d.Exact.RatString()
		if d.Value != nil {
			j.Adjustment = decimal(new(big.Rat).Sub(d.Value, d.Exact))
		}
	}
	for _, in := range d.Inputs {
		j.Inputs = append(j.Inputs, e.jsonInput(in, l, depth))
	}
	return j
}

func (e *Explainer) jsonInput(in *Input, l i18n.Lang, depth int) jsonInput {
	j := jsonInput{Role: in.Role, Kind: kindNames[in.Kind], Value: jsonValue(in.Kind, in.Value, in.Text), Own: in.Own, Key: in.Key, Exact: in.Before}
	if in.Msg != nil {
		j.Value = l.Format(*in.Msg)
	}
	if s := in.Source; s != nil {
		_, text := e.where(s, l, WordsOptions{})
		j.Source = &jsonSource{ID: s.ID, File: s.Pos.File, Line: s.Pos.Line, Col: s.Pos.Col, Text: text}
	}
	for _, p := range in.Parts {
		j.Parts = append(j.Parts, e.jsonInput(p, l, depth))
	}
	if in.Via != nil {
		j.Via = e.jsonOf(in.Via, l, depth)
	}
	if in.Key != "" && !in.Before && depth > 1 {
		if d, err := e.of(in.Key); err == nil {
			j.Derivation = e.jsonOf(d, l, depth-1)
		}
	}
	return j
}

// jsonValue is a figure as plan.json writes it: an exact decimal number,
// a text, or null.
func jsonValue(kind data.Kind, v *big.Rat, text string) any {
	if kind == data.Text {
		return text
	}
	if v == nil {
		return nil
	}
	return decimal(v)
}

func decimal(v *big.Rat) *json.Number {
	n := json.Number(numfmt.Exact(v))
	return &n
}
