package diag

import (
	"strconv"
	"strings"
)

// Annotation formats d as a GitHub Actions workflow command, which CI
// shows on the line of the pull request's file:
//
//	::error file=plan/content/plan.toml,line=3,col=1::unknown key "shar"%0Ahint: …
//
// file is d's file as the repository knows it (the site folder joined to
// d.File). A folder (a problem of several files) is named in the message
// instead, since an annotation belongs to a file.
func Annotation(d Diagnostic, file string) string {
	var props []string
	msg := d.Message
	if d.Hint != "" {
		msg += "\nhint: " + d.Hint
	}
	if strings.HasSuffix(file, "/") || file == "" {
		if file != "" {
			msg = file + ": " + msg
		}
	} else {
		props = append(props, "file="+escapeProperty(file))
		if d.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Line))
			if d.Col > 0 {
				props = append(props, "col="+strconv.Itoa(d.Col))
			}
		}
	}
	cmd := "::" + d.Level.String()
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	// The log that shows annotations is a terminal too: escape what
	// workflow commands leave as it is.
	return Visible(cmd + "::" + escapeData(msg))
}

// Annotations formats d as the workflow commands that show it in CI:
// Annotation's, or, for a problem of a whole list with notes on its
// members (shares that do not add up), one on each member's line (at most
// MaxNotes), each with the whole message, so that a pull request shows it
// on every line that can fix it. path gives a site file's path as the
// repository knows it.
func Annotations(d Diagnostic, path func(file string) string) []string {
	if len(d.Notes) == 0 || d.Notes[0].File == "" {
		return []string{Annotation(d, path(d.File))}
	}
	var out []string
	for i, n := range d.Notes {
		if i == MaxNotes || n.File == "" {
			break
		}
		nd := d
		nd.File, nd.Line, nd.Col, nd.Notes = n.File, n.Line, n.Col, nil
		nd.Message += "\nhere: " + n.Text
		out = append(out, Annotation(nd, path(n.File)))
	}
	return out
}

// escapeData escapes the message of a workflow command.
var escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// escapeProperty escapes a property value of a workflow command.
var escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
