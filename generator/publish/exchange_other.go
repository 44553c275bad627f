//go:build !linux

package publish

import "errors"

// exchangeWorks says that exchange is not available: swap falls back to two
// renames, and a Folder publishes in full every time.
const exchangeWorks = false

// exchange is not available on this system.
func exchange(a, b string) error {
	return errors.New("atomic exchange not supported")
}
