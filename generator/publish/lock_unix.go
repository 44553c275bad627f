//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the folder dir for this process, without waiting: ok is false
// when another process holds it. The system releases the lock when the
// process ends, however it ends, so a folder whose publish was killed is
// free.
func lock(dir string) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}
