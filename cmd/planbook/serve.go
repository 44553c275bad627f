package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"planbook/generator/diag"
	"planbook/generator/serve"
)

func init() {
	commands = append(commands, &command{
		name:    "serve",
		summary: "build, serve and rebuild on every save (live preview)",
		usage: `Usage: planbook serve [-s SITE] [-d OUT] [-p 1313] [--bind 127.0.0.1] [--allow-host NAME]... [--open]

Builds the site, serves it over HTTP and watches content/, the site's
themes/ and planbook.toml. Every save rebuilds the site and reloads the
open pages when what they show changed. While the plan has errors, every
page shows them with their file and line; the last good site stays on disk.
Each build is written to OUT whole, as planbook build writes it (a printed
booklet.pdf stays while its booklet is unchanged). Editors' swap, backup
and temporary files (.east.toml.swp, 4913, east.toml~, #east.md#,
___jb_tmp___, …) start no rebuild.

The preview answers only requests addressed to localhost (and its
subdomains), a loopback address, the --bind address (with 0.0.0.0 or ::,
any address of this computer) or a name given with --allow-host; any
other Host gets 403, so that no web page can read the plan through a
name of its own pointed at this computer (DNS rebinding).

Flags:
  -s SITE            the site folder (default: the current folder)
  -d OUT             the output folder (default: "output" of planbook.toml, "public", inside SITE)
  -p, --port PORT    the port to listen on (default 1313; 0 picks a free one); a port
                     another program listens on is refused at once
  --bind ADDR        the address to listen on (default 127.0.0.1: this computer only;
                     0.0.0.0 shares the preview with your network)
  --allow-host NAME  also answer requests for NAME, this computer's name on the
                     network for example; repeat it, or separate names with commas
  --open             open the site in the default browser

Example:
  planbook serve -s ./sales-plan --open
  planbook serve -p 8080
  planbook serve --bind 0.0.0.0 --allow-host plan-preview.intranet.example
`,
		run: runServe,
	})
}

func runServe(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	site := fs.String("s", ".", "site folder")
	out := fs.String("d", "", "output folder")
	port := fs.Int("port", 1313, "port")
	fs.IntVar(port, "p", 1313, "port (short for --port)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	var allow commaList
	fs.Var(&allow, "allow-host", "also answer requests for this host name (repeatable, or comma-separated)")
	open := fs.Bool("open", false, "open the browser")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *bind != "127.0.0.1" && *bind != "localhost" && *bind != "::1" {
		fmt.Fprintf(stderr, "warning: serving on %s: anyone who can reach this computer on port %d can read the plan\n", *bind, *port)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := serve.New(serve.Config{Site: *site, Out: *out, Bind: *bind, Port: *port, AllowHosts: allow, Log: stdout})
	err := s.Run(ctx, func(url string) {
		fmt.Fprintf(stdout, "Serving %s at %s (Ctrl+C to stop)\n", diag.Visible(s.Title()), url)
		if *open {
			openBrowser(url)
		}
	})
	if errors.Is(err, serve.ErrPortInUse) {
		fmt.Fprintf(stderr, "serve: %v (by another planbook serve, or another program): choose another port with -p %d, or -p 0 for any free one\n", err, *port+1)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Stopped.")
	return 0
}

// openBrowser opens url in the system's default browser, if it can.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}

// commaList is a flag that may be given several times, each time with one
// value or several separated by commas.
type commaList []string

func (l *commaList) String() string { return strings.Join(*l, ",") }

func (l *commaList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if name = strings.TrimSpace(name); name != "" {
			*l = append(*l, name)
		}
	}
	return nil
}
