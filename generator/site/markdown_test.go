package site

import (
	"bytes"
	"strings"
	"testing"
)

// TestTaskListClasses checks that a task list's items and list carry the
// classes the style sheet hides their bullets by, and that a plain list
// beside it keeps its bullets.
func TestTaskListClasses(t *testing.T) {
	var out bytes.Buffer
	src := "- [x] kick-off\n- [ ] review\n\n---\n\n- plain\n"
	if err := newMarkdown(false).Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`<ul class="contains-task-list">`,
		`<li class="task-list-item"><input checked="" disabled="" type="checkbox"> kick-off</li>`,
		`<li class="task-list-item"><input disabled="" type="checkbox"> review</li>`,
		"<ul>\n<li>plain</li>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}
