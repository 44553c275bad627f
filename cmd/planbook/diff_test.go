package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"planbook/internal/sitetest"
)

// writeTestSite writes testdata/sites/NAME.txtar into the folder dir.
func writeTestSite(t *testing.T, name, dir string) {
	t.Helper()
	sitetest.Copy(t, dir, sitetest.ArchiveFile(t, filepath.Join("../../testdata/sites", name+".txtar")))
}

// replaceIn replaces old by new in a file, which must contain old.
func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// git runs git in dir with a fixed identity and no user configuration.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Planner", "-c", "user.email=planner@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// planEdits change a region's share, a promotion and a page of the mini
// site; the other figures that move follow from the share.
func planEdits(t *testing.T, site string) {
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `share = "45%"`, `share = "40%"`)
	replaceIn(t, filepath.Join(site, "content/regions/north.toml"), `share = "35%"`, `share = "40%"`)
	replaceIn(t, filepath.Join(site, "content/plan.toml"), "budget = 10", "budget = 12")
	replaceIn(t, filepath.Join(site, "content/strategy.md"), "| Plan | Sales ops |", "| Plan | Sales operations |")
}

// planRepo makes a git repository whose subfolder plan/ holds the mini
// site: a first commit, a second one with planEdits, and an uncommitted
// change that breaks the plan in the work tree. It returns the repository
// and the site folder.
func planRepo(t *testing.T) (repo, site string) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo = t.TempDir()
	site = filepath.Join(repo, "plan")
	writeTestSite(t, "mini", site)
	os.WriteFile(filepath.Join(repo, "README.md"), []byte("A plan.\n"), 0o644)
	git(t, repo, "init", "-q")
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "First plan")
	planEdits(t, site)
	git(t, repo, "commit", "-q", "-a", "-m", "Move targets from east to north")
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `share = "40%"`, `shar = "40%"`)
	return repo, site
}

// treeState is everything a command must leave as it was: git's view of
// the work tree, the index file, and every file's bytes.
func treeState(t *testing.T, repo string) map[string]string {
	t.Helper()
	state := snapshot(t, repo)
	for k := range state {
		if strings.HasPrefix(k, ".git"+string(filepath.Separator)) && k != filepath.Join(".git", "index") && k != filepath.Join(".git", "HEAD") {
			delete(state, k)
		}
	}
	// Without optional locks, git status itself leaves the index alone.
	state["git status"] = git(t, repo, "--no-optional-locks", "status", "--porcelain")
	return state
}

type jsonReport struct {
	Old, New string
	Changes  int
	Summary  string
	Sections []struct {
		ID    string
		Items []struct {
			Key, Label, Kind, Status string
			Old, New                 any
		}
	}
}

func TestDiffRevisions(t *testing.T) {
	repo, site := planRepo(t)
	before := treeState(t, repo)

	code, md, errs := runCmd("diff", "HEAD~1", "HEAD", "-s", site)
	if code != 0 {
		t.Fatalf("diff exited %d:\n%s", code, errs)
	}
	for _, want := range []string{
		"`HEAD~1 (", "`HEAD (",
		"年度目标不变(1,100 万元)",
		"| East · 占比 | 45.0% | 40.0% | -5.0 个百分点 |  |",
		"| North · 占比 | 35.0% | 40.0% | +5.0 个百分点 |  |",
		"| East · 目标 | 495 万元 | 440 万元 | -55 万元 | -11.1% |",
		"| Spring sale · 预算 | 10 万元 | 12 万元 | +2 万元 | +20.0% |",
		"| Strategy · 正文 | 21 行 | 21 行 | +1 −1 行 |  |",
		"### 大区", "### 渠道", "### 促销", "### 计划说明",
		"### 改动的输入", `| content/regions/east.toml:6 share | "45%" | "40%" |`, `| content/regions/north.toml:6 share | "35%" | "40%" |`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report lacks %q:\n%s", want, md)
		}
	}
	for _, unchanged := range []string{"South · 目标", "South · 占比", "### 产品线", "Core · 目标", "### 客户类型", "Spring sale · 结束", "Growth markets", "### 年度目标"} {
		if strings.Contains(md, unchanged) {
			t.Errorf("Markdown report names %q, which did not change:\n%s", unchanged, md)
		}
	}

	code, out, errs := runCmd("diff", "--format", "json", "-s", site, "HEAD~1", "HEAD")
	if code != 0 {
		t.Fatalf("diff --format json exited %d:\n%s", code, errs)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("JSON report does not parse: %v\n%s", err, out)
	}
	got := map[string][2]any{}
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			got[it.Key] = [2]any{it.Old, it.New}
			if it.Status == "changed" && it.Old == it.New && it.Kind != "lines" {
				t.Errorf("%s is reported unchanged: %v → %v", it.Key, it.Old, it.New)
			}
			for _, prefix := range []string{"products.", "customers.", "regions.south.target", "regions.south.share", "kpis.", "trainings.", "milestones.", "target", "quarters.", "months."} {
				if strings.HasPrefix(it.Key, prefix) {
					t.Errorf("JSON report names %s, which did not change", it.Key)
				}
			}
		}
	}
	for key, want := range map[string][2]any{
		"regions.east.share":       {0.45, 0.4},
		"regions.north.share":      {0.35, 0.4},
		"regions.east.target":      {495.0, 440.0},
		"promotions.spring.budget": {10.0, 12.0},
		"pages.strategy.text":      {21.0, 21.0},
	} {
		if got[key] != want {
			t.Errorf("JSON report: %s is %v, want %v", key, got[key], want)
		}
	}
	if rep.Changes != len(got) || rep.Changes < 10 {
		t.Errorf("JSON report counts %d changes for %d items", rep.Changes, len(got))
	}

	if code, _, _ := runCmd("diff", "HEAD~1", "HEAD", "-s", site, "--exit-code"); code != 1 {
		t.Errorf("diff --exit-code of different plans exited %d, want 1", code)
	}
	if code, out, _ := runCmd("diff", "HEAD", "HEAD", "-s", site, "--exit-code"); code != 0 || out != "计划没有变化。(No changes to the plan.)\n" {
		t.Errorf("diff of a revision with itself: exit %d, %q", code, out)
	}

	// The work tree holds a broken plan: as NEW it fails with its errors.
	code, _, errs = runCmd("diff", "HEAD", "-s", site)
	if code != 2 || !strings.Contains(errs, "NEW ("+site+"): content/regions/east.toml:6:1: unknown key \"shar\"") {
		t.Errorf("diff against a broken work tree: exit %d, want 2 and the error with file and line:\n%s", code, errs)
	}
	if code, _, errs := runCmd("diff", "no-such-branch", "HEAD", "-s", site); code != 2 || !strings.Contains(errs, `OLD (no-such-branch): "no-such-branch" is neither a folder nor a revision`) {
		t.Errorf("diff of an unknown revision: exit %d:\n%s", code, errs)
	}

	after := treeState(t, repo)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("diff changed %s", k)
		}
	}
	if len(after) != len(before) {
		t.Errorf("diff added or removed files: %d → %d", len(before), len(after))
	}
}

func TestDiffFolders(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeTestSite(t, "mini", a)
	writeTestSite(t, "mini", b)
	code, out, errs := runCmd("diff", a, b, "--exit-code")
	if code != 0 || out != "计划没有变化。(No changes to the plan.)\n" {
		t.Errorf("identical folders: exit %d, %q %s", code, out, errs)
	}
	planEdits(t, b)
	code, out, _ = runCmd("diff", a, b)
	if code != 0 || !strings.Contains(out, "| East · 占比 | 45.0% | 40.0% |") || !strings.Contains(out, "`"+a+"` → `"+b+"`") {
		t.Errorf("different folders: exit %d:\n%s", code, out)
	}
	if code, _, _ := runCmd("diff", a, b, "--exit-code"); code != 1 {
		t.Errorf("different folders with --exit-code: exit %d, want 1", code)
	}
	replaceIn(t, filepath.Join(a, "content/plan.toml"), `share = "60%"`, `share = 60`)
	code, out, errs = runCmd("diff", a, b)
	if code != 2 || out != "" || !strings.Contains(errs, "OLD ("+a+"): content/plan.toml:27:1: share 60 is above 1 (did you mean 0.6?)") || strings.Contains(errs, "NEW") {
		t.Errorf("broken OLD folder: exit %d, stdout %q:\n%s", code, out, errs)
	}
	if code, _, errs := runCmd("diff", a); code != 2 || !strings.Contains(errs, "OLD") {
		t.Errorf("diff with a broken OLD and the current folder: exit %d:\n%s", code, errs)
	}
	if code, _, errs := runCmd("diff"); code != 2 || !strings.Contains(errs, "Usage: planbook diff") {
		t.Errorf("diff without arguments: exit %d:\n%s", code, errs)
	}
}

func TestBuildCompare(t *testing.T) {
	repo, site := planRepo(t)
	// Build the committed plan: put the work tree back as HEAD has it.
	replaceIn(t, filepath.Join(site, "content/regions/east.toml"), `shar = "40%"`, `share = "40%"`)
	before := treeState(t, repo)
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, errs := runCmd("build", "-s", site, "-d", out, "--compare", "HEAD~1")
	if code != 0 {
		t.Fatalf("build --compare exited %d:\n%s%s", code, stdout, errs)
	}
	page, err := os.ReadFile(filepath.Join(out, "changes/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>计划变更</h1>", "与 HEAD~1 (", "East · 占比", "45.0%", "40.0%", "Spring sale · 预算", `aria-current="page">变更</a>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("Changes page lacks %q", want)
		}
	}
	if strings.Contains(string(page), "South · 目标") {
		t.Errorf("Changes page lists an unchanged figure")
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), `<a href="changes/index.html">变更</a>`) {
		t.Errorf("the dashboard's navigation does not link the Changes page")
	}
	after := treeState(t, repo)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("build --compare changed %s", k)
		}
	}

	// Without --compare there is no Changes page, and no link to it.
	if code, _, errs := runCmd("build", "-s", site, "-d", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(out, "changes")); !os.IsNotExist(err) {
		t.Errorf("changes/ is left after a build without --compare: %v", err)
	}
	index, _ = os.ReadFile(filepath.Join(out, "index.html"))
	if strings.Contains(string(index), "changes/index.html") {
		t.Errorf("navigation links the Changes page without --compare")
	}

	// A version that does not load fails the build with its errors.
	code, _, errs = runCmd("build", "-s", site, "-d", out, "--compare", "no-such-branch")
	if code != 1 || !strings.Contains(errs, "no-such-branch") {
		t.Errorf("build --compare of an unknown revision: exit %d:\n%s", code, errs)
	}
}
