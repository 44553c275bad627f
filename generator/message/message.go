// Package message holds a text for a reader as data: the catalog key of
// its wording and typed arguments. The packages that find things out
// (compute, scope) build messages; the places that show them (the site,
// data/plan.json, planbook check) write them with i18n in the reader's
// language, formatting each argument by its type.
//
// It must not translate or format anything itself, so that what was found
// stays data until it is shown.
package message

import "math/big"

// Message is a text to show: the catalog key of its wording and its
// arguments, in the order of the wording's verbs.
type Message struct {
	Key  string
	Args []Arg
}

// Arg is an argument of a message; its type says how it is written.
type Arg interface{ isArg() }

// Text is written as it is: a name or a date from the plan.
type Text string

// Count is a whole number: how many promotions, how many errors.
type Count int

// Amount is an amount in Unit with at most Places decimals, written with
// the reader's thousands separators: "13,800 万元".
type Amount struct {
	Value  *big.Rat
	Places int
	Unit   string
}

// Percent is a ratio written as a percentage: "19.5%". Signed writes a
// gain with its sign: "+15.0%".
type Percent struct {
	Value  *big.Rat
	Signed bool
}

// Multiple is Of / Per written as a multiple with one decimal: "4.8×";
// "–" when Per is zero.
type Multiple struct {
	Of, Per *big.Rat
}

func (Text) isArg()     {}
func (Count) isArg()    {}
func (Amount) isArg()   {}
func (Percent) isArg()  {}
func (Multiple) isArg() {}

// A Message is an argument too: a part of the text with its own wording,
// written in the same language ("the channels of East").
func (Message) isArg() {}
