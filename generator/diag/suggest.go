package diag

import (
	"fmt"
	"strings"
)

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, else "". Ties go to the earlier candidate.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	limit := len([]rune(word))/3 + 1
	if limit > 3 {
		limit = 3
	}
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := distance(word, c)
		if len(word) >= 2 && (strings.HasPrefix(c, word) || strings.HasPrefix(word, c)) {
			d = min(d, limit) // a cut-off word is a likely typo too: "grow" → "growing"
		}
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean returns ` (did you mean "X"?)` for the nearest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, counting an
// adjacent transposition as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
