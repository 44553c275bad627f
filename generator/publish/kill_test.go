//go:build linux

package publish

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
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
	step = func(string) {
		if count.Add(1) == int64(n) {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	var old Files
	if os.Getenv(killOldEnv) == "1" {
		old = siteV1
	}
	if _, err := Publish(os.Getenv(killOutEnv), old, siteV2); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// record returns the steps f's publishes went through.
func record(t *testing.T, f func()) []string {
	t.Helper()
	var mu sync.Mutex
	var steps []string
	step = func(name string) {
		mu.Lock()
		steps = append(steps, name)
		mu.Unlock()
	}
	defer func() { step = func(string) {} }()
	f()
	return steps
}

// TestKilledPublishLeavesOneSite kills a publish at every one of its
// steps, in a separate process: the output is then the previous site or
// the new one, whole (no file of the other, no empty folder), and the next
// publish leaves nothing beside the output.
func TestKilledPublishLeavesOneSite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per step")
	}
	for _, withOld := range []bool{false, true} {
		probe := filepath.Join(t.TempDir(), "public")
		Publish(probe, nil, siteV1)
		steps := record(t, func() { Publish(probe, siteV1, siteV2) })
		sawOld, sawNew := false, false
		for at := 1; at <= len(steps)+1; at++ {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			if _, err := Publish(out, nil, siteV1); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killAtEnv+"="+strconv.Itoa(at), killOutEnv+"="+out, killOldEnv+"="+map[bool]string{true: "1"}[withOld])
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
					t.Fatalf("old=%v, step %d (%s): the child was not killed: %v %s", withOld, at, steps[at-1], err, output)
				}
			} else if err != nil {
				t.Fatalf("the child failed: %v %s", err, output)
			}
			got, empty := tree(t, out)
			switch {
			case equal(got, siteV1):
				sawOld = true
			case equal(got, siteV2):
				sawNew = true
			default:
				t.Errorf("old=%v, %s: the output is neither site: %v", withOld, what, names(got))
			}
			if len(empty) > 0 {
				t.Errorf("old=%v, %s: empty folders %v", withOld, what, empty)
			}
			if _, err := Publish(out, nil, siteV1); err != nil {
				t.Fatalf("old=%v, %s: the next publish: %v", withOld, what, err)
			}
			if l := leftovers(t, dir, out); len(l) > 0 {
				t.Errorf("old=%v, %s: the next publish left %v", withOld, what, l)
			}
		}
		if !sawOld || !sawNew {
			t.Errorf("old=%v: kills never left the old (%v) or the new (%v) site", withOld, sawOld, sawNew)
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
