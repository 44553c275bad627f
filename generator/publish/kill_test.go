//go:build linux

package publish

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
)

// The kill test runs this test binary again as a child that publishes and
// kills itself at a given step; these variables tell the child what to do.
const (
	killAtEnv  = "PLANBOOK_TEST_PUBLISH_KILL_AT"
	killOutEnv = "PLANBOOK_TEST_PUBLISH_OUT"
	killOldEnv = "PLANBOOK_TEST_PUBLISH_OLD"
)

func TestMain(m *testing.M) {
	if at := os.Getenv(killAtEnv); at != "" {
		publishThenDie(at)
	}
	os.Exit(m.Run())
}

// publishThenDie publishes siteV2 over siteV1 and kills its own process,
// with SIGKILL (no deferred cleanup runs), when the step numbered at
// begins.
func publishThenDie(at string) {
	n, _ := strconv.Atoi(at)
	var count atomic.Int64
	kill := func(string) {
		if count.Add(1) == int64(n) {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	var err error
	switch os.Getenv(killOldEnv) {
	case "folder":
		err = folderSequence(os.Getenv(killOutEnv), func() { step = kill })
	case "carried":
		out := os.Getenv(killOutEnv)
		info, serr := os.Lstat(filepath.Join(out, filepath.FromSlash(pdfName)))
		if serr != nil {
			err = serr
			break
		}
		step = kill
		_, err = NewFolder(out).Publish(Site{Files: siteV2, Carried: Carried{pdfName: info}})
	case "1":
		step = kill
		_, err = Publish(os.Getenv(killOutEnv), siteV1, siteV2)
	default:
		step = kill
		_, err = Publish(os.Getenv(killOutEnv), nil, siteV2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// folderSequence publishes siteV1, siteV2 and siteV3 to out with one
// Folder, as planbook serve does after three saves; before the third,
// which brings the kept folder up to date, it calls third.
func folderSequence(out string, third func()) error {
	f := NewFolder(out)
	for i, files := range []Files{siteV1, siteV2, siteV3} {
		if i == 2 {
			third()
		}
		if _, err := f.Publish(files.Site()); err != nil {
			return err
		}
	}
	f.Close()
	return nil
}

// TestKilledPublishLeavesOneSite kills a publish at every one of its
// steps, in a separate process: a Publish with the previous files unknown
// (a build) or known, a Folder's publish that brings its kept folder up
// to date (serve), and one that carries a printed PDF of the output over.
// The output is then the previous site or the new one, whole (no file of
// the other, no empty folder, the PDF as printed), and the next publish
// leaves nothing beside the output.
func TestKilledPublishLeavesOneSite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per step")
	}
	for _, mode := range []string{"", "1", "folder", "carried"} {
		probe := filepath.Join(t.TempDir(), "public")
		Publish(probe, nil, siteV1)
		before, after := siteV1, siteV2
		var steps []string
		switch mode {
		case "carried":
			before, after = plus(siteV1, pdfName, "%PDF printed"), plus(siteV2, pdfName, "%PDF printed")
			f := NewFolder(probe)
			steps = record(t, func() { f.Publish(printPDF(t, probe, siteV2, string(before[pdfName]))) })
			f.Close()
		case "folder":
			before, after = siteV2, siteV3
			f := NewFolder(probe)
			f.Publish(siteV1.Site())
			f.Publish(siteV2.Site())
			steps = record(t, func() { f.Publish(siteV3.Site()) })
			f.Close()
			if slices.Contains(steps, "temp") {
				t.Fatalf("the third publish of a Folder assembled a new folder: %v", steps)
			}
		case "1":
			steps = record(t, func() { Publish(probe, siteV1, siteV2) })
		default:
			steps = record(t, func() { Publish(probe, nil, siteV2) })
		}
		sawOld, sawNew := false, false
		for at := 1; at <= len(steps)+1; at++ {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			if _, err := Publish(out, nil, siteV1); err != nil {
				t.Fatal(err)
			}
			if mode == "carried" {
				printPDF(t, out, siteV1, string(before[pdfName]))
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killAtEnv+"="+strconv.Itoa(at), killOutEnv+"="+out, killOldEnv+"="+mode)
			output, err := cmd.CombinedOutput()
			killed := false
			if ee, ok := err.(*exec.ExitError); ok {
				ws, _ := ee.Sys().(syscall.WaitStatus)
				killed = ws.Signaled() && ws.Signal() == syscall.SIGKILL
			}
			what := "finished"
			if at <= len(steps) {
				what = "killed at " + steps[at-1]
				if !killed {
					t.Fatalf("mode %q, step %d (%s): the child was not killed: %v %s", mode, at, steps[at-1], err, output)
				}
			} else if err != nil {
				t.Fatalf("the child failed: %v %s", err, output)
			}
			got, empty := readTree(t, out)
			switch {
			case equal(got, before):
				sawOld = true
			case equal(got, after):
				sawNew = true
			default:
				t.Errorf("mode %q, %s: the output is neither site: %v", mode, what, names(got))
			}
			if len(empty) > 0 {
				t.Errorf("mode %q, %s: empty folders %v", mode, what, empty)
			}
			if _, err := Publish(out, nil, siteV1); err != nil {
				t.Fatalf("mode %q, %s: the next publish: %v", mode, what, err)
			}
			if l := leftovers(t, dir, out); len(l) > 0 {
				t.Errorf("mode %q, %s: the next publish left %v", mode, what, l)
			}
		}
		if !sawOld || !sawNew {
			t.Errorf("mode %q: kills never left the old (%v) or the new (%v) site", mode, sawOld, sawNew)
		}
	}
}

func names(f Files) []string {
	var out []string
	for name := range f {
		out = append(out, name)
	}
	return out
}
