package plan

import (
	"fmt"
	"regexp"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// MaxIDLength bounds an id: it names a folder of the site (regions/ID/),
// and joined with others the output folder of a build for some regions,
// where a file name has at most 255 bytes.
const MaxIDLength = 64

// ValidID reports whether id may name a region, product, channel, page or
// any other item: lowercase letters, digits, '-' and '_', starting with a
// letter or digit, at most MaxIDLength characters.
func ValidID(id string) bool { return len(id) <= MaxIDLength && idPattern.MatchString(id) }

// IDProblem says what is wrong with an id that is not valid, for a
// message: " is too long: …" or " is not valid", with a suggestion.
func IDProblem(id string) string {
	if idPattern.MatchString(id) {
		return fmt.Sprintf(" is too long: %d characters, at most %d", len(id), MaxIDLength)
	}
	return " is not valid" + suggestID(id)
}

// checkID reports an id (or, as noun says, a slug) that is not valid.
func (s *source) checkID(path, noun, id string) bool {
	if ValidID(id) {
		return true
	}
	s.errorf(path, noun+"s use lowercase letters, digits, '-' and '_', and start with a letter or digit, for example \"east\"",
		"%s %q%s", noun, shorten(id), IDProblem(id))
	return false
}

func suggestID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(id)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ' || r == '.':
			b.WriteByte('-')
		}
	}
	s := strings.TrimLeft(b.String(), "-_")
	if s == "" || s == id {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s)
}
