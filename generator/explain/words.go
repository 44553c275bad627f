package explain

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"planbook/generator/data"
	"planbook/generator/i18n"
	"planbook/generator/numfmt"
	"planbook/generator/plan"
)

// Words is a derivation in words, in one language: what planbook explain
// prints, a figure's popover shows and the booklet's appendix quotes.
type Words struct {
	Key      string       `json:"key,omitempty"`
	Label    string       `json:"label,omitempty"`
	Value    string       `json:"value"`
	Rule     string       `json:"rule"`
	Formula  string       `json:"formula,omitempty"`
	Rounding string       `json:"rounding,omitempty"`
	Inputs   []InputWords `json:"inputs"`
}

// InputWords is one input of a derivation in words.
type InputWords struct {
	Role  string `json:"role"`
	Value string `json:"value"`
	// Label names a figure, or says what a sum adds up.
	Label string `json:"label,omitempty"`
	Key   string `json:"key,omitempty"`
	// Exact says Value is the figure's exact value before rounding.
	Exact bool `json:"exact,omitempty"`
	// Where and Text are the file and line a value is written on, and
	// that line as written (its key and value, without a comment).
	Where string `json:"where,omitempty"`
	Text  string `json:"text,omitempty"`
	// Via is how an intermediate value is computed (a capacity, a
	// proposal, a month's share of its quarter).
	Via *Words `json:"via,omitempty"`
	// Parts are the parts of a sum, when asked for.
	Parts []InputWords `json:"parts,omitempty"`
}

// WordsOptions says how much words show.
type WordsOptions struct {
	// Parts is how many parts of a sum are listed (0: none, only how
	// many there are).
	Parts int
	// Private leaves out the roster's rows and people's names: the site
	// shows team totals and head counts only unless it shows people.
	Private bool
	// Shallow says how an intermediate value is computed (its rule and
	// arithmetic) without its inputs in turn: what a popover shows.
	Shallow bool
}

// Words writes d in l. Several goroutines may make words at once.
func (e *Explainer) Words(d *Derivation, l i18n.Lang, o WordsOptions) *Words { return e.words(d, l, o) }

func (e *Explainer) words(d *Derivation, l i18n.Lang, o WordsOptions) *Words {
	w := &Words{Key: d.Key, Value: e.show(d.Kind, d.Value, d.Text, l, true), Rule: e.ruleWords(d, l)}
	if d.Key != "" {
		w.Label = e.label(d.Key, l)
	}
	w.Formula = e.formula(d, l)
	w.Rounding = e.roundingWords(d, l)
	for _, in := range d.Inputs {
		if in.Role == RolePrecision {
			continue // in the rounding's words
		}
		w.Inputs = append(w.Inputs, e.inputWords(in, l, o))
	}
	return w
}

func (e *Explainer) inputWords(in *Input, l i18n.Lang, o WordsOptions) InputWords {
	if in.Via != nil || in.Key == "" && in.Parts == nil {
		return e.makeInputWords(in, l, o)
	}
	// A figure or a sum among the inputs: the same pointer is shared by
	// the cells of a row or a column (a row's total, the fixed rows' sum
	// of a column), and so are its words.
	k := inputKey{in, l, o}
	if w, ok := e.sharedWords.Load(k); ok {
		return w.(InputWords)
	}
	w := e.makeInputWords(in, l, o)
	e.sharedWords.Store(k, w)
	return w
}

type inputKey struct {
	in *Input
	l  i18n.Lang
	o  WordsOptions
}

func (e *Explainer) makeInputWords(in *Input, l i18n.Lang, o WordsOptions) InputWords {
	iw := InputWords{Role: l.T("explain.role." + string(in.Role)), Value: e.show(in.Kind, in.Value, in.Text, l, !in.Before)}
	switch {
	case in.Msg != nil:
		iw.Value = l.Format(*in.Msg)
	case in.Key != "":
		iw.Key, iw.Label, iw.Exact = in.Key, e.label(in.Key, l), in.Before
		if in.Before {
			iw.Label += " (" + l.T("explain.exact") + ")"
		}
	case in.Source != nil:
		iw.Where, iw.Text = e.where(in.Source, l, o)
	case in.Parts != nil:
		iw.Label = l.Sprintf("explain.sum-of", len(in.Parts))
		if in.Name != "" && !o.Private {
			iw.Label = in.Name + l.Sprintf("appendix.paren", iw.Label)
		}
		if in.Kind == data.Text || in.Role == RoleCount && len(in.Parts) > 0 && in.Parts[0].Kind == data.Text {
			iw.Label = l.Sprintf("explain.count-of", len(in.Parts))
		}
		for k, p := range in.Parts {
			if k >= o.Parts {
				break
			}
			iw.Parts = append(iw.Parts, e.inputWords(p, l, o))
		}
	case in.Via != nil && in.Via.Rule == Default:
		iw.Label = l.T("explain.default")
	case in.Via != nil && o.Shallow:
		iw.Via = &Words{Value: e.show(in.Via.Kind, in.Via.Value, in.Via.Text, l, true), Rule: e.ruleWords(in.Via, l), Formula: e.formula(in.Via, l)}
	case in.Via != nil:
		iw.Via = e.words(in.Via, l, o)
	default:
		if in.Role == RoleNumerator && in.Kind == data.Amount {
			iw.Label = l.T("explain.role.numerator")
		}
	}
	return iw
}

// where returns the file and line of a written value, and the line as
// written; the roster's rows stay out of private words.
func (e *Explainer) where(s *Source, l i18n.Lang, o WordsOptions) (string, string) {
	if s.Pos.Line == 0 {
		return s.Pos.File, l.T("explain.file-name")
	}
	at := s.Pos.File + ":" + strconv.Itoa(s.Pos.Line)
	if s.Pos.File == plan.PeopleFile {
		if o.Private {
			return s.Pos.File, ""
		}
		return at, s.Path + ": " + strings.TrimSpace(e.p.SourceLine(s.Pos.File, s.Pos.Line))
	}
	line := e.p.SourceLine(s.Pos.File, s.Pos.Line)
	// An element of a list: its key, place and value, "months[2] = 0.6".
	keys := strings.Split(s.Path, ".")
	if n := len(keys); n > 1 {
		if k, err := strconv.Atoi(keys[n-1]); err == nil {
			return at, keys[n-2] + "[" + strconv.Itoa(k+1) + "] = " + plan.Written(line, s.Pos.Col)
		}
	}
	return at, plan.Statement(line)
}

// show writes a value of kind in l; exact values that need more than four
// decimals end in "…" (rounded is false: a value before rounding).
func (e *Explainer) show(kind data.Kind, v *big.Rat, text string, l i18n.Lang, rounded bool) string {
	if kind == data.Text {
		if text == "" {
			return "–"
		}
		return text
	}
	if v == nil {
		return "–"
	}
	switch kind {
	case data.Amount:
		return strings.TrimSpace(number(v, 1) + " " + e.p.Unit)
	case data.Ratio:
		return number(v, 100) + "%"
	}
	return number(v, 1)
}

// number writes v × scale with thousands separators and at most four
// decimals, and "…" when it has more. Most figures are small fractions,
// written without big arithmetic.
func number(v *big.Rat, scale int64) string {
	if n, d := v.Num(), v.Denom(); n.IsInt64() && d.IsInt64() {
		if q, exact, ok := scaled(n.Int64(), d.Int64(), scale*10000); ok {
			s := numfmt.Group(numfmt.Scaled(q, 4), ",")
			if !exact {
				s += "…"
			}
			return s
		}
	}
	x := new(big.Rat).Mul(v, big.NewRat(scale, 1))
	return numfmt.Group(numfmt.Fixed(x, 4), ",") + more(x, 4)
}

// scaled returns n / d × scale (d and scale above 0) rounded half away
// from zero, and whether that is exact; ok is false when it does not fit
// 63 bits.
func scaled(n, d, scale int64) (q int64, exact, ok bool) {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, uint64(scale))
	if hi >= uint64(d) {
		return 0, false, false
	}
	uq, r := bits.Div64(hi, lo, uint64(d))
	if r != 0 && r >= uint64(d)-r { // half away from zero
		uq++
	}
	if uq > math.MaxInt64 {
		return 0, false, false
	}
	q = int64(uq)
	if neg {
		q = -q
	}
	return q, r == 0, true
}

// number writes a value in a formula: no unit, percentages for ratios.
func (e *Explainer) number(in *Input, l i18n.Lang) string {
	if in == nil || in.Value == nil {
		return "–"
	}
	if in.Kind == data.Ratio {
		return e.show(in.Kind, in.Value, "", l, true)
	}
	return number(in.Value, 1)
}

// more returns "…" when v has more than places decimals: when its
// denominator is not 2^a × 5^b with a and b at most places.
func more(v *big.Rat, places int) string {
	d := v.Denom()
	if !d.IsUint64() {
		return "…"
	}
	n := d.Uint64()
	for _, f := range []uint64{2, 5} {
		for k := 0; n%f == 0; k++ {
			if k == places {
				return "…"
			}
			n /= f
		}
	}
	if n != 1 {
		return "…"
	}
	return ""
}

func (d *Derivation) input(role Role) *Input {
	for _, in := range d.Inputs {
		if in.Role == role {
			return in
		}
	}
	return nil
}

// ruleWords says what rule d follows, in l: the same words for every
// figure of a list or table, made once.
func (e *Explainer) ruleWords(d *Derivation, l i18n.Lang) string {
	parent := ""
	if in := d.input(RoleParent); in != nil {
		parent = in.Key
	}
	k := ruleKey{d.Rule, d.Table, parent, l}
	if s, ok := e.rules.Load(k); ok {
		return s.(string)
	}
	s := e.makeRuleWords(d, l)
	e.rules.Store(k, s)
	return s
}

type ruleKey struct {
	rule          Rule
	table, parent string
	l             i18n.Lang
}

func (e *Explainer) makeRuleWords(d *Derivation, l i18n.Lang) string {
	key := "explain.rule." + string(d.Rule)
	switch d.Rule {
	case SplitShare, SplitWeight, SplitGrowth:
		return l.Sprintf(key, e.label(d.input(RoleParent).Key, l))
	case KeepProposal:
		list := d.Table[strings.LastIndexByte(d.Table, '.')+1:]
		return l.Sprintf(key, l.T("explain.list."+list))
	case FixedRow, FreeRow, RowWise:
		return l.Sprintf(key, l.T("explain.table."+d.Table))
	}
	return l.T(key)
}

// formula writes the arithmetic of d with its inputs' values: "5,244 ×
// 31% = 1,625.64"; "" for a value written or inherited.
func (e *Explainer) formula(d *Derivation, l i18n.Lang) string {
	n := func(role Role) string { return e.number(d.input(role), l) }
	result := d.Exact
	if result == nil {
		result = d.Value
	}
	var lhs string
	switch d.Rule {
	case TargetGrowth, KeepProposal, Proposal:
		lhs = n(RoleBaseline) + " × (1 + " + n(RoleGrowth) + ")"
	case Overassigned:
		lhs = n(RoleParent) + " × (1 + " + n(RoleOverassign) + ")"
	case SplitShare:
		lhs = n(RoleParent) + " × " + n(RoleShare)
	case SplitWeight:
		lhs = n(RoleParent) + " × " + n(RoleWeight) + " / " + n(RoleWeights)
	case SplitGrowth:
		lhs = n(RoleParent) + " × " + n(RoleProposal) + " / " + n(RoleProposals)
	case FixedRow:
		lhs = n(RoleRowTotal) + " × " + n(RoleShare)
	case FreeRow:
		lhs = n(RoleRowTotal) + " × (" + n(RoleColumn) + " − " + n(RoleFixed) + ") / " + n(RoleFree)
	case RowWise:
		lhs = n(RoleRowTotal) + " × " + n(RoleWeight) + " / " + n(RoleWeights)
	case Quota, QuotaMonth:
		lhs = n(RoleAssigned) + " × " + n(RoleCapacity) + " / " + n(RoleCapacities)
	case Capacity:
		lhs = n(RoleWeight) + " × " + n(RoleMonthShare) + " × " + n(RoleAvailable) + " × " + n(RoleRamp)
	case MonthShare, ShareRatio, Coverage, PerUnit:
		den := RoleDenominator
		if d.Rule == PerUnit {
			den = RoleCount
		}
		lhs = n(RoleNumerator) + " / " + e.number(d.input(den), l)
	case GrowthOf:
		lhs = n(RoleNumerator) + " / " + n(RoleDenominator) + " − 1"
	case Sum:
		parts := d.input(RolePart).Parts
		if len(parts) > 6 || len(parts) < 2 {
			return ""
		}
		terms := make([]string, len(parts))
		for k, p := range parts {
			terms[k] = e.number(p, l)
		}
		lhs = strings.Join(terms, " + ")
	default:
		return ""
	}
	return lhs + " = " + e.number(&Input{Kind: d.Kind, Value: result}, l)
}

// roundingWords says what rounding made of d's exact value.
func (e *Explainer) roundingWords(d *Derivation, l i18n.Lang) string {
	if d.Rounding == TwoPlaces {
		return l.T("explain.round.two-places")
	}
	if d.Exact == nil || d.Value == nil {
		return ""
	}
	step := e.stepWords()
	adj := new(big.Rat).Sub(d.Value, d.Exact)
	if adj.Sign() == 0 {
		return l.Sprintf("explain.round.none", step)
	}
	change := number(adj, 1)
	if adj.Sign() > 0 {
		change = "+" + change
	}
	switch d.Rounding {
	case HalfAway:
		return l.Sprintf("explain.round.half-away", change, step)
	case LargestRemainder:
		if d.Up {
			return l.Sprintf("explain.round.lr.up", change)
		}
		return l.Sprintf("explain.round.lr.down", change)
	case Controlled:
		table := d.Table
		if strings.HasPrefix(table, "teams.") {
			table = "people × months"
		}
		return l.Sprintf("explain.round.controlled", change, l.T("explain.table."+table))
	}
	return ""
}

// stepWords writes the plan's precision with its unit, once.
func (e *Explainer) stepWords() string {
	e.stepOnce.Do(func() { e.step = strings.TrimSpace(numfmt.Group(numfmt.Exact(e.p.Precision), ",") + " " + e.p.Unit) })
	return e.step
}
