package source

import (
	"strconv"

	"github.com/golanguk/golanguk/notes/escape"
)

// sanitize makes s safe to show on a terminal (escape.String).
func sanitize(s string) string { return escape.String(s) }

// quote is s in double quotes with every character that is not
// printable escaped, for error messages.
func quote(s string) string {
	return strconv.Quote(s)
}
