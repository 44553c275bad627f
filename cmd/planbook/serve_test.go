package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestServePortInUse starts serve, with -p and with --port, on a port
// another program listens on: it says so with the flag to change it and
// exits before building anything.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	site := copySite(t)
	for _, flag := range []string{"-p", "--port"} {
		code, out, errs := runCmd("serve", "-s", site, flag, strconv.Itoa(port))
		want := "serve: port " + strconv.Itoa(port) + " on 127.0.0.1 is in use"
		if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "choose another port with -p "+strconv.Itoa(port+1)) {
			t.Errorf("serve %s %d: exit %d, want 1 and %q:\n%s%s", flag, port, code, want, out, errs)
		}
		if out != "" {
			t.Errorf("serve %s: printed %q", flag, out)
		}
		if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
			t.Errorf("serve %s on a port in use wrote the site", flag)
		}
	}
}
