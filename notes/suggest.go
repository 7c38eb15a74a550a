package notes

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
)

// Suggest returns up to n talks whose title or speaker is nearest to
// query, for a "did you mean" after a search that matched nothing. Each
// word of the query is compared, accents and case folded, with the words of
// each title and speaker name by edit distance (a word may also be the
// start of a longer one: "contxt" is near "context", "micro" near
// "microservices"). Talks with no word near enough are left out, so the
// result may be empty.
func (d *Document) Suggest(query string, n int) []*Talk {
	if n <= 0 {
		return nil
	}
	// A "did you mean" looks at the first few words of a query, not at
	// a pasted page.
	const maxWords, maxRunes = 8, 64
	var words []string
	for _, w := range strings.Fields(query) {
		if len(words) == maxWords {
			break
		}
		if utf8.RuneCountInString(w) <= maxRunes {
			words = append(words, fold.Lower(fold.String(w)))
		}
	}
	if len(words) == 0 {
		return nil
	}
	ix := d.searchIndex()
	type cand struct {
		order, dist, near int
	}
	var cands []cand
	for i := range d.Talks {
		title, speaker := ix.Folded(i)
		tw := append(strings.FieldsFunc(title, notWordRune), strings.FieldsFunc(speaker, notWordRune)...)
		c := cand{order: i}
		for _, w := range words {
			best := utf8.RuneCountInString(w)
			for _, x := range tw {
				best = min(best, wordDistance(w, x))
			}
			c.dist += best
			if best <= maxTypos(w) {
				c.near++
			}
		}
		if c.near > 0 {
			cands = append(cands, c)
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(b.near, a.near); c != 0 {
			return c
		}
		if c := cmp.Compare(a.dist, b.dist); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	var talks []*Talk
	for _, c := range cands[:min(n, len(cands))] {
		talks = append(talks, d.Talks[c.order])
	}
	return talks
}

func notWordRune(r rune) bool { return !fold.IsWordRune(r) }

// maxTypos is how far a word may be from a title word to count as near.
func maxTypos(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// wordDistance is the edit distance between w and word x, or between w and
// a prefix of x (one more edit), whichever is smaller.
//
// Only the first 2*len(w)+2 runes of x can matter: the prefix of x as long
// as w costs at most len(w)+1, while a longer prefix, or x itself, costs at
// least its excess length. So a huge word (a 10 MB title) costs what a
// short one does.
func wordDistance(w, x string) int {
	a := []rune(w)
	b := make([]rune, 0, min(len(x), 2*len(a)+2))
	for _, r := range x {
		if len(b) == 2*len(a)+2 {
			break
		}
		b = append(b, r)
	}
	// prev[j] is the distance between a[:i] and b[:j].
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	best := prev[len(b)]
	if len(b) > len(a) { // a as a prefix of b: the best row end
		for j := len(a); j < len(b); j++ {
			best = min(best, prev[j]+1)
		}
	}
	return best
}
