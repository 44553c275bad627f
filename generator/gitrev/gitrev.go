// Package gitrev reads a site folder's git repository: the commit the
// folder is at, and the files a plan is made of (planbook.toml and
// content/) as they were at a revision, read from the repository's objects
// into memory. It is planbook's one runner of git.
//
// It must never change the repository: it runs only git commands that
// read (rev-parse, ls-tree, cat-file, show, and status without the
// optional index refresh), never touching the work tree, the index or the
// refs.
package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/txtar"
)

// Commit is the commit a site folder is at.
type Commit struct {
	Hash string    // short
	Time time.Time // the commit's date, in its committer's time zone
	// Modified is set when files of the folder have changes not yet
	// committed.
	Modified bool
}

// Head returns the commit the folder dir is at, or an error when it is in
// no git repository (or git is missing).
func Head(dir string) (Commit, error) {
	out, err := git(dir, nil, "show", "-s", "--format=%h %cI", "HEAD")
	if err != nil {
		return Commit{}, err
	}
	hash, date, _ := strings.Cut(strings.TrimSpace(out), " ")
	c := Commit{Hash: hash}
	if c.Time, err = time.Parse(time.RFC3339, date); err != nil {
		return Commit{}, fmt.Errorf("reading the date of commit %s: %v", hash, err)
	}
	status, err := git(dir, nil, "status", "--porcelain", "--untracked-files=no", "--", ".")
	c.Modified = err == nil && strings.TrimSpace(status) != ""
	return c, nil
}

// Open returns the plan files of the site folder dir as they were at
// revision rev of the git repository holding dir, and the full hash of
// the commit rev names. dir may be a subfolder of the repository.
func Open(dir, rev string) (fs.FS, string, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, "", fmt.Errorf("%q is not a folder or a git revision", rev)
	}
	prefix, err := git(dir, nil, "rev-parse", "--show-prefix")
	if err != nil {
		if !errors.As(err, new(*gitError)) {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("%q is not a folder, and %s is not in a git repository to read it as a revision from (%v)", rev, dir, err)
	}
	prefix = strings.TrimSpace(prefix)
	commit, err := git(dir, nil, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, "", fmt.Errorf("%q is neither a folder nor a revision of the git repository holding %s", rev, dir)
	}
	commit = strings.TrimSpace(commit)
	tree, err := git(dir, nil, "ls-tree", "-r", "-z", "--full-tree", commit+":"+prefix)
	if err != nil {
		return nil, "", fmt.Errorf("the site folder %s did not exist at %s", strings.TrimSuffix(prefix, "/"), rev)
	}
	names, objects := planFiles(tree)
	files := &txtar.Archive{} // the files in memory
	if len(names) == 0 {
		fsys, err := txtar.FS(files)
		return fsys, commit, err
	}
	out, err := git(dir, strings.NewReader(strings.Join(objects, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %v", rev, err)
	}
	r := bufio.NewReader(strings.NewReader(out))
	for _, name := range names {
		data, err := readObject(r)
		if err != nil {
			return nil, "", fmt.Errorf("reading %s at %s: %v", name, rev, err)
		}
		files.Files = append(files.Files, txtar.File{Name: name, Data: data})
	}
	fsys, err := txtar.FS(files)
	return fsys, commit, err
}

// planFiles picks the regular files of planbook.toml and content/ from the
// output of ls-tree -r -z: their paths and object names.
func planFiles(tree string) (names, objects []string) {
	for _, entry := range strings.Split(tree, "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta) // mode, type, object
		if len(f) != 3 || f[1] != "blob" || !strings.HasPrefix(f[0], "1006") && !strings.HasPrefix(f[0], "1007") {
			continue // symbolic links and submodules are not plan files
		}
		if name == "planbook.toml" || strings.HasPrefix(name, "content/") {
			names = append(names, name)
			objects = append(objects, f[2])
		}
	}
	return names, objects
}

// readObject reads one object of cat-file --batch output: a header line
// "<object> blob <size>", the content, and a newline.
func readObject(r *bufio.Reader) ([]byte, error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if len(f) != 3 {
		return nil, fmt.Errorf("unexpected git output %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, err
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, err
	}
	return data[:size], nil
}

// git runs a git command in dir that only reads the repository and
// returns its output.
func git(dir string, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	// Never take a lock or refresh the index, even where git would do so
	// on its own.
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", &gitError{args[0], strings.TrimSpace(errb.String())}
		}
		return "", fmt.Errorf("running git: %v", err)
	}
	return out.String(), nil
}

// gitError is a git command that ran and failed.
type gitError struct{ command, stderr string }

func (e *gitError) Error() string { return "git " + e.command + ": " + e.stderr }
