package publish

import (
	"os"
	"path/filepath"
)

// WriteFile writes data to the file name as a whole: into a temporary file
// beside it, then renamed over it, so that no reader sees half a file and
// a failure leaves the previous file as it was. The file is readable by
// all (0644), as the rest of a site is.
func WriteFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".planbook-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
