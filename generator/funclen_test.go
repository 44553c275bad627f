// Package generator_test holds the tests of the generator's code as a
// whole; the generator itself is the packages in the folders below.
package generator_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines is the most lines a function of the generator may span,
// from its func keyword to its closing brace: one that fits on a screen.
const maxFuncLines = 80

// TestFunctionsFitOnAScreen parses every Go file under generator/ except
// tests, whatever its build constraints, and fails naming each function
// longer than maxFuncLines lines.
func TestFunctionsFitOnAScreen(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// The go command builds nothing in these, and neither does planbook.
			name := d.Name()
			if path != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		for _, long := range longFuncs(fset, f) {
			t.Errorf("generator/%s", long)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("found no Go files under generator/")
	}
}

// TestLongFuncs pins what longFuncs counts: a function of exactly
// maxFuncLines lines passes and one line more does not, a method is named
// with its receiver, and a function literal that initializes a
// package-level variable is held to the same rule, since it is a function
// all the same.
func TestLongFuncs(t *testing.T) {
	body := func(lines int) string { return strings.Repeat("\t_ = 0\n", lines-2) }
	src := "package p\n\n" +
		"func fits() {\n" + body(maxFuncLines) + "}\n\n" +
		"type T struct{}\n\n" +
		"// long is one line too long.\n" +
		"func (*T) long() {\n" + body(maxFuncLines+1) + "}\n\n" +
		"var lit = func() {\n" + body(maxFuncLines+2) + "}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	want := []string{
		fmt.Sprintf("p.go:%d: (*T).long is 81 lines, want at most 80", lineOf("func (*T) long")),
		fmt.Sprintf("p.go:%d: lit is 82 lines, want at most 80", lineOf("var lit")),
	}
	got := longFuncs(fset, f)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// longFuncs returns "file:line: name is N lines, want at most 80" for each
// function of f, or function literal of a package-level variable, longer
// than maxFuncLines. A literal inside a function counts in that function.
func longFuncs(fset *token.FileSet, f *ast.File) []string {
	var long []string
	check := func(name string, n ast.Node) {
		from, to := fset.Position(n.Pos()), fset.Position(n.End())
		if lines := to.Line - from.Line + 1; lines > maxFuncLines {
			long = append(long, fmt.Sprintf("%s:%d: %s is %d lines, want at most %d", from.Filename, from.Line, name, lines, maxFuncLines))
		}
	}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			name := decl.Name.Name
			if decl.Recv != nil && len(decl.Recv.List) > 0 {
				name = "(" + types.ExprString(decl.Recv.List[0].Type) + ")." + name
			}
			check(name, decl)
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, v := range vs.Values {
					name := "a variable"
					if i < len(vs.Names) {
						name = vs.Names[i].Name
					}
					ast.Inspect(v, func(n ast.Node) bool {
						if lit, ok := n.(*ast.FuncLit); ok {
							check(name, lit)
							return false
						}
						return true
					})
				}
			}
		}
	}
	return long
}
