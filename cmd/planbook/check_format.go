package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"

	"planbook/generator/compute"
	"planbook/generator/diag"
	"planbook/generator/i18n"
)

// repoPath returns the path of a site's file as CI knows it: the site
// folder joined to the file, relative to the current folder (the
// repository's root in CI) when it lies below it.
func repoPath(site, file string) string {
	if file == "" {
		return ""
	}
	p := filepath.Join(site, filepath.FromSlash(file))
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	if strings.HasSuffix(file, "/") {
		p += "/"
	}
	return p
}

type jsonDiagnostic struct {
	File    string     `json:"file"`
	Line    int        `json:"line"`
	Col     int        `json:"col"`
	Message string     `json:"message"`
	Hint    string     `json:"hint"`
	Source  []string   `json:"source"`
	Notes   []jsonNote `json:"notes,omitempty"`
}

// jsonNote is a further place a diagnostic concerns: a member of a list
// whose shares do not add up.
type jsonNote struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Text string `json:"text"`
}

type jsonCheck struct {
	Level   string `json:"level"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// checkJSON prints the result of check as one JSON object: the errors and
// warnings with their file (relative to the site), line, column, message,
// hint and source line as a terminal shows it, and the checks list. It
// returns the exit code.
func checkJSON(w io.Writer, r *compute.Result, errs *diag.List) int {
	out := struct {
		Errors   []jsonDiagnostic `json:"errors"`
		Warnings []jsonDiagnostic `json:"warnings"`
		Checks   []jsonCheck      `json:"checks"`
	}{Errors: jsonDiagnostics(errs.Errors()), Warnings: jsonDiagnostics(errs.Warnings()), Checks: []jsonCheck{}}
	if r != nil {
		l := i18n.Lang(r.Plan.Config.Language)
		for _, c := range r.NamedChecks() {
			out.Checks = append(out.Checks, jsonCheck{string(c.Level), c.Code, l.Format(c.Message())})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(out)
	if len(out.Errors) > 0 {
		return 1
	}
	return 0
}

func jsonDiagnostics(ds []diag.Diagnostic) []jsonDiagnostic {
	out := []jsonDiagnostic{}
	for _, d := range ds {
		source := d.Source()
		if source == nil {
			source = []string{}
		}
		jd := jsonDiagnostic{File: d.File, Line: d.Line, Col: d.Col, Message: d.Message, Hint: d.Hint, Source: source}
		for _, n := range d.Notes {
			jd.Notes = append(jd.Notes, jsonNote{n.File, n.Line, n.Col, n.Text})
		}
		out = append(out, jd)
	}
	return out
}
