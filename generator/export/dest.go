package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"planbook/generator/publish"
)

// zipComment is the comment of the zip archives planbook writes, by which
// it knows them again.
const zipComment = "written by planbook export"

// ErrRefused is wrapped by the errors of Destination: the export would
// replace something planbook did not write, or feed the site.
var ErrRefused = errors.New("refused")

// Destination checks that an export of the site folder site may be written
// to dest (a folder when folder is set, else a file). It refuses, with an
// error wrapping ErrRefused, a destination inside the site's content/ or
// themes/, the site's planbook.toml, one inside a site planbook build
// wrote (the next build would remove it), and an existing file that
// planbook did not write: a workbook, zip archive or plan.json of another
// origin. (A folder is checked when it is written: publish replaces only
// a folder planbook made.)
func Destination(site, dest string, folder bool) error {
	if problem := publish.Conflict(site, dest); problem != "" {
		return fmt.Errorf("%w: %s %s", ErrRefused, dest, problem)
	}
	real, err := publish.RealPath(dest)
	if err != nil {
		return err
	}
	for dir := filepath.Dir(real); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, publish.Marker)); err == nil {
			return fmt.Errorf("%w: %s is inside %s, a site planbook build writes and replaces as a whole", ErrRefused, dest, dir)
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	info, err := os.Stat(real)
	if errors.Is(err, fs.ErrNotExist) || folder {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w: %s exists and is not a file", ErrRefused, dest)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return err
	}
	if !Written(data) {
		return fmt.Errorf("%w: %s exists and was not written by planbook export", ErrRefused, dest)
	}
	return nil
}

// Written reports whether data is a file planbook export writes: a
// workbook whose creator is planbook, a zip archive with planbook's
// comment, or a plan.json.
func Written(data []byte) bool {
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		if zr.Comment == zipComment {
			return true
		}
		for _, f := range zr.File {
			if f.Name != "docProps/core.xml" || f.UncompressedSize64 > 1<<20 {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return false
			}
			var core bytes.Buffer
			_, err = core.ReadFrom(rc)
			rc.Close()
			return err == nil && bytes.Contains(core.Bytes(), []byte("<dc:creator>planbook</dc:creator>"))
		}
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	for _, key := range []string{"title", "year", "unit", "precision", "fiscal_start", "baseline", "target", "regions"} {
		if _, ok := top[key]; !ok {
			return false
		}
	}
	return true
}

// RefusalHint is what to tell someone whose export was refused.
const RefusalHint = "choose another -o, or add --force to write there anyway"
