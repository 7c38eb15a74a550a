package css

// golanguk: this file is the patch to bluemonday v1.0.27. Its package-level
// patterns are compiled the first time they are used, not when the package
// initialises: that cost every program linking bluemonday (glamour does)
// about 3 ms at each start, whether or not it sanitised any HTML.

import (
	"regexp"
	"sync"
)

// LazyRegexp is a regular expression compiled on first use.
type LazyRegexp struct {
	once sync.Once
	expr string
	re   *regexp.Regexp
}

func lazyCompile(expr string) *LazyRegexp { return &LazyRegexp{expr: expr} }

// Regexp returns the compiled expression, compiling it on the first call.
func (l *LazyRegexp) Regexp() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

// MatchString is [regexp.Regexp.MatchString].
func (l *LazyRegexp) MatchString(s string) bool { return l.Regexp().MatchString(s) }

// FindString is [regexp.Regexp.FindString].
func (l *LazyRegexp) FindString(s string) string { return l.Regexp().FindString(s) }

// FindStringIndex is [regexp.Regexp.FindStringIndex].
func (l *LazyRegexp) FindStringIndex(s string) []int { return l.Regexp().FindStringIndex(s) }

// ReplaceAll is [regexp.Regexp.ReplaceAll].
func (l *LazyRegexp) ReplaceAll(src, repl []byte) []byte { return l.Regexp().ReplaceAll(src, repl) }
