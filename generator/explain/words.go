package explain

import (
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
	// change is where Rounding quotes what rounding added (from, to):
	// the rest of the words is the same for every figure of a table, and
	// a page's file of explanations writes it once (see Pack).
	change [2]int
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
func (e *Explainer) Words(d *Derivation, l i18n.Lang, o WordsOptions) *Words {
	return e.Wording(l, o).Words(d)
}

func (e *Explainer) words(d *Derivation, l i18n.Lang, o WordsOptions) *Words {
	return e.Wording(l, o).Words(d)
}

// Wording makes the words of figures in one language with one set of
// options, and keeps what figures share until it is dropped: the words of
// a row's or a column's total, of a rule and of a rounding, the labels of
// the inputs. A site makes one per file of explanations, so that a build
// keeps none of them past that file. It is not safe for concurrent use.
type Wording struct {
	e         *Explainer
	nw        numbers
	l         i18n.Lang
	o         WordsOptions
	labels    map[string]string
	roles     map[Role]string
	figures   map[figureKey]InputWords // inputs that are figures
	sums      map[*Input]InputWords    // inputs that are sums, made once
	numbers   map[*Input]string        // the same in formulas
	rules     map[ruleKey]string
	roundings map[roundingKey][2]string
}

// figureKey is an input that is a figure: its words depend on these alone.
type figureKey struct {
	role   Role
	key    string
	before bool
}

type ruleKey struct {
	rule          Rule
	table, parent string
}

type roundingKey struct{ key, what string }

// Wording returns an empty wording in l with options o.
func (e *Explainer) Wording(l i18n.Lang, o WordsOptions) *Wording {
	return &Wording{e: e, l: l, o: o, labels: map[string]string{}, roles: map[Role]string{},
		figures: map[figureKey]InputWords{}, sums: map[*Input]InputWords{}, numbers: map[*Input]string{},
		rules: map[ruleKey]string{}, roundings: map[roundingKey][2]string{}}
}

// Words writes d.
func (w *Wording) Words(d *Derivation) *Words {
	e := w.e
	out := &Words{Key: d.Key, Value: w.show(d.Kind, d.Value, d.Text), Rule: w.ruleWords(d)}
	switch {
	case d.ref.key == d.Key && d.Key != "":
		out.Label = e.labelOf(d.ref, w.l) // a figure's own label: once
	case d.Key != "":
		out.Label = e.makeLabel(d.Key, w.l)
	}
	out.Formula = w.formula(d)
	out.Rounding, out.change = w.roundingWords(d)
	out.Inputs = make([]InputWords, 0, len(d.Inputs))
	for _, in := range d.Inputs {
		if in.Role == RolePrecision {
			continue // in the rounding's words
		}
		out.Inputs = append(out.Inputs, w.inputWords(in))
	}
	return out
}

// inputWords writes an input. A figure or a sum among the inputs is
// shared by the cells of a row or a column (a row's total, the fixed
// rows' sum of a column), and so are its words.
func (w *Wording) inputWords(in *Input) InputWords {
	switch {
	case in.Via != nil:
		return w.makeInputWords(in)
	case in.Key != "":
		k := figureKey{in.Role, in.Key, in.Before}
		iw, ok := w.figures[k]
		if !ok {
			iw = w.makeInputWords(in)
			w.figures[k] = iw
		}
		return iw
	case in.Parts != nil:
		iw, ok := w.sums[in]
		if !ok {
			iw = w.makeInputWords(in)
			w.sums[in] = iw
		}
		return iw
	}
	return w.makeInputWords(in)
}

// label returns the label of a figure among the inputs.
func (w *Wording) label(key string) string {
	s, ok := w.labels[key]
	if !ok {
		s = w.e.makeLabel(key, w.l)
		w.labels[key] = s
	}
	return s
}

// role returns the words of a role.
func (w *Wording) role(r Role) string {
	s, ok := w.roles[r]
	if !ok {
		s = w.l.T("explain.role." + string(r))
		w.roles[r] = s
	}
	return s
}

func (w *Wording) makeInputWords(in *Input) InputWords {
	e, l, o := w.e, w.l, w.o
	iw := InputWords{Role: w.role(in.Role), Value: w.show(in.Kind, in.Value, in.Text)}
	switch {
	case in.Msg != nil:
		iw.Value = l.Format(*in.Msg)
	case in.Key != "":
		iw.Key, iw.Label, iw.Exact = in.Key, w.label(in.Key), in.Before
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
			iw.Parts = append(iw.Parts, w.inputWords(p))
		}
	case in.Via != nil && in.Via.Rule == Default:
		iw.Label = l.T("explain.default")
	case in.Via != nil && o.Shallow:
		iw.Via = &Words{Value: w.show(in.Via.Kind, in.Via.Value, in.Via.Text), Rule: w.ruleWords(in.Via), Formula: w.formula(in.Via)}
	case in.Via != nil:
		iw.Via = w.Words(in.Via)
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
	if i := strings.LastIndexByte(s.Path, '.'); i > 0 && digits(s.Path[i+1:]) {
		k, _ := strconv.Atoi(s.Path[i+1:])
		list := s.Path[:i]
		list = list[strings.LastIndexByte(list, '.')+1:]
		return at, list + "[" + strconv.Itoa(k+1) + "] = " + plan.Written(line, s.Pos.Col)
	}
	return at, plan.Statement(line)
}

// digits reports whether s is a number of decimal digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != "" && len(s) < 10
}

func (d *Derivation) input(role Role) *Input {
	for _, in := range d.Inputs {
		if in.Role == role {
			return in
		}
	}
	return nil
}

// ruleWords says what rule d follows: the same words for every figure of
// a list or table, made once.
func (w *Wording) ruleWords(d *Derivation) string {
	parent := ""
	if in := d.input(RoleParent); in != nil {
		parent = in.Key
	}
	k := ruleKey{d.Rule, d.Table, parent}
	s, ok := w.rules[k]
	if !ok {
		s = w.e.makeRuleWords(d, w.l)
		w.rules[k] = s
	}
	return s
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

// roundingWords says what rounding made of d's exact value, and where
// in those words the change it made is quoted.
func (w *Wording) roundingWords(d *Derivation) (string, [2]int) {
	e, l := w.e, w.l
	if d.Rounding == TwoPlaces {
		return l.T("explain.round.two-places"), [2]int{}
	}
	if d.Exact == nil || d.Value == nil {
		return "", [2]int{}
	}
	var buf [40]byte
	b, none := w.nw.change(buf[:0], d.Value, d.Exact)
	if none {
		return l.Sprintf("explain.round.none", e.stepWords()), [2]int{}
	}
	change := string(b)
	var key, what string
	switch d.Rounding {
	case HalfAway:
		key, what = "explain.round.half-away", e.stepWords()
	case LargestRemainder:
		key = "explain.round.lr.down"
		if d.Up {
			key = "explain.round.lr.up"
		}
	case Controlled:
		table := d.Table
		if strings.HasPrefix(table, "teams.") {
			table = "people × months"
		}
		key, what = "explain.round.controlled", table
	default:
		return "", [2]int{}
	}
	before, after := w.roundingTemplate(key, what)
	return before + change + after, [2]int{len(before), len(before) + len(change)}
}

// roundingTemplate returns the words of a rounding (by its catalog key,
// with the precision or the table it names) before and after the change
// it quotes: the same for every figure of a table, made once.
func (w *Wording) roundingTemplate(key, what string) (before, after string) {
	k := roundingKey{key, what}
	if t, ok := w.roundings[k]; ok {
		return t[0], t[1]
	}
	l := w.l
	var words string
	switch key {
	case "explain.round.lr.up", "explain.round.lr.down":
		words = l.Sprintf(key, "\x00")
	case "explain.round.controlled":
		words = l.Sprintf(key, "\x00", l.T("explain.table."+what))
	default:
		words = l.Sprintf(key, "\x00", what)
	}
	before, after, _ = strings.Cut(words, "\x00")
	w.roundings[k] = [2]string{before, after}
	return before, after
}

// stepWords writes the plan's precision with its unit, once.
func (e *Explainer) stepWords() string {
	e.stepOnce.Do(func() { e.step = strings.TrimSpace(numfmt.Group(numfmt.Exact(e.p.Precision), ",") + " " + e.p.Unit) })
	return e.step
}
