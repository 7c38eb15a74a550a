package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
)

// show --outline and --links: a talk's reading aids as lines of text, for
// people and for cut, awk and grep.

// checkAids rejects flags that do not go with --outline or --links.
func checkAids(o showOptions) error {
	switch {
	case o.outline && o.links:
		return usageErrorf("--outline and --links cannot be used together: choose one")
	case (o.outline || o.links) && o.format == "json":
		return usageErrorf("--outline and --links print text; --format json has the sections and the links of a talk already")
	}
	return nil
}

// writeAids writes the outline (o.outline) or the links of each talk of
// hits. With several talks, each talk's lines follow a line
// "==> 19 Title <==", as head does for several files.
func (a *app) writeAids(w io.Writer, hits []notes.Hit, o showOptions) error {
	var b strings.Builder
	several := len(hits) > 1
	for i, h := range hits {
		t := h.Talk
		if several {
			if i > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "==> %d %s <==\n", t.Number, escape.String(t.Title))
		}
		if o.outline {
			writeOutline(&b, t.Outline())
		} else {
			writeLinks(&b, t.AllLinks())
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if !several && b.Len() == 0 {
		what := "sections"
		if o.links {
			what = "links"
		}
		a.printLine(fmt.Errorf("talk %d (%s) has no %s", hits[0].Talk.Number, hits[0].Talk.Title, what))
	}
	return nil
}

// writeOutline writes one heading a line, "####" indented under "###".
func writeOutline(b *strings.Builder, entries []notes.OutlineEntry) {
	for _, e := range entries {
		b.WriteString(strings.Repeat("  ", max(0, e.Level-3)))
		b.WriteString(oneField(e.Title))
		b.WriteByte('\n')
	}
}

// writeLinks writes "number<TAB>url<TAB>text", one link a line.
func writeLinks(b *strings.Builder, links []notes.Link) {
	for _, l := range links {
		b.WriteString(strconv.Itoa(l.Number))
		b.WriteByte('\t')
		b.WriteString(oneField(l.URL))
		b.WriteByte('\t')
		b.WriteString(oneField(l.Text))
		b.WriteByte('\n')
	}
}

// oneField is s as one tab-separated field: tabs and newlines as spaces,
// anything else that could drive a terminal escaped.
func oneField(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	return escape.String(s)
}
