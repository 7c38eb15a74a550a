package notes

import (
	"strconv"
	"strings"
)

// StarRuns draws a rating as stars: n filled ones ("★★★★★★") and
// MaxStars-n empty ones ("☆☆☆☆"), n clamped to 0..MaxStars. Every view of
// a rating draws its stars with it, styling the two runs as it likes.
func StarRuns(n int) (filled, empty string) {
	n = max(0, min(n, MaxStars))
	return strings.Repeat("★", n), strings.Repeat("☆", MaxStars-n)
}

// Stars draws a rating as filled and empty stars with the number:
// "★★★★★★☆☆☆☆ 6/10". Keycap emoji (":six:") have unreliable widths across
// terminals, so output made for reading uses this instead.
func Stars(n int) string {
	filled, empty := StarRuns(n)
	return filled + empty + " " + strconv.Itoa(max(0, min(n, MaxStars))) + "/" + strconv.Itoa(MaxStars)
}
