package main

import (
	"os/exec"
	"path"
	"strings"
	"testing"
)

// TestBinaryHasNoTesting lists the packages the planbook binary is built
// from: the testing package and its helpers are not among them.
func TestBinaryHasNoTesting(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "testing" || strings.HasPrefix(pkg, "testing/") || strings.HasPrefix(pkg, "planbook/") && strings.HasSuffix(pkg, "test") {
			t.Errorf("the binary imports %s", pkg)
		}
	}
}

// TestNoPackageImportsItsParent lists planbook's packages with their
// imports: none imports the package of the folder above it, so that a
// folder's package can be read without its subfolders.
func TestNoPackageImportsItsParent(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "planbook/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		for _, imp := range f[1:] {
			if imp == path.Dir(f[0]) {
				t.Errorf("%s imports its parent %s", f[0], imp)
			}
		}
	}
}
