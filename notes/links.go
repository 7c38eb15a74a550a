package notes

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// LinkKind says whether a Link is a link or an image.
type LinkKind uint8

const (
	KindLink  LinkKind = iota // a link: inline, reference, autolink or bare URL
	KindImage                 // an image
)

// String returns "link" or "image".
func (k LinkKind) String() string {
	if k == KindImage {
		return "image"
	}
	return "link"
}

// MarshalText makes a LinkKind "link" or "image" in JSON.
func (k LinkKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Link is a link or an image of a talk, as AllLinks lists it.
type Link struct {
	// Number is the 1-based position of the link in AllLinks: what a
	// reader types to pick it.
	Number int `json:"number"`
	// URL is the target as written, with backslash escapes and character
	// references resolved, a bare "www." address given "http://", a bare
	// e-mail address given "mailto:", and no control characters. It can be
	// anything (a relative path, "javascript:..."): see Openable.
	URL string `json:"url"`
	// Text says what the link is, as plain text on one line with no
	// control characters: the link's text, the image's alt text (often
	// empty), or, for an autolink, a bare URL or a link with no text, the
	// line it stands in (which holds the URL); for the speaker's URL, the
	// speaker's name. It is at most 100 runes, and the "…" that mark where
	// a longer one was cut.
	Text string `json:"text"`
	// Kind is "link" or "image" in JSON.
	Kind LinkKind `json:"kind"`
	// Speaker is true for the URLs of the talk header's speaker block
	// (the speaker's page and the further "> https://..." lines).
	Speaker bool `json:"speaker"`
	// Line is the 1-based line of the link in the talk's Body, or 0 for
	// the talk header: its photo and its speaker block.
	Line int `json:"line"`
}

// maxLinkText is about the longest Link.Text, in runes, without the "…"
// that mark a cut.
const maxLinkText = 100

// maxLinkLead is how many runes of the line before a bare URL a cut Text
// keeps.
const maxLinkLead = 20

// Openable reports whether the link may be handed to a browser: an http or
// https URL with a host, or a mailto URL with an address. Anything else
// (javascript:, file:, data:, relative paths, text that is no URL) is
// listed but must not be opened.
func (l Link) Openable() bool {
	u, err := url.Parse(l.URL)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != "" && !strings.HasPrefix(u.Opaque, "/")
	}
	return false
}

// AllLinks returns every link and image of the talk, numbered in reading
// order: the header's photo, the speaker block's URLs (SpeakerURL, then
// Links), then the links of the notes (Body) as the renderers read them:
// inline and reference links, autolinks ("<https://...>"), bare URLs and
// e-mail addresses (GFM), and images, a link before the image inside it.
// Text in code spans or code blocks holds no links, nor does raw HTML.
//
// A URL is listed once, where it first appears; later links to the same
// URL (compared as strings, after the changes URL describes) are left
// out. It returns nil for a talk without links. Its cost is that of
// Outline: linear in the size of the notes, but for goldmark's own
// quadratic corners.
func (t *Talk) AllLinks() []Link {
	var c linkCollector
	for _, im := range t.headerImages() {
		c.add(Link{URL: im.URL, Text: cutText(cleanField([]byte(im.Alt))), Kind: KindImage})
	}
	if t.SpeakerURL != "" {
		name := t.Speaker
		if name == "" {
			name = t.Affiliation
		}
		c.add(Link{URL: t.SpeakerURL, Text: cutText(cleanField([]byte(name))), Speaker: true})
	}
	for _, u := range t.Links {
		c.add(Link{URL: u, Text: t.speakerLineOf(u), Speaker: true})
	}
	if strings.ContainsAny(t.Body, ":@[<") || strings.Contains(t.Body, "www.") {
		c.body(t.Body)
	}
	return c.links
}

// speakerLineOf is the speaker block line that holds u, as plain text, or
// u when none does (a talk built by hand).
func (t *Talk) speakerLineOf(u string) string {
	for _, l := range t.speakerLines() {
		if strings.Contains(l, u) {
			return cutAround(cleanField([]byte(l)), u)
		}
	}
	return cutAround(cleanField([]byte(u)), u)
}

// linkCollector gathers the links of a talk, once each.
type linkCollector struct {
	links []Link
	seen  map[string]bool
}

func (c *linkCollector) add(l Link) {
	l.URL = cleanURL(l.URL)
	if l.URL == "" {
		return
	}
	if c.seen == nil {
		c.seen = make(map[string]bool)
	}
	if c.seen[l.URL] {
		return
	}
	c.seen[l.URL] = true
	l.Number = len(c.links) + 1
	c.links = append(c.links, l)
}

// body adds the links of the notes md.
func (c *linkCollector) body(md string) {
	doc, src := parseBody(md)
	lines := newLineCursor(src)
	var around blockLines
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			line := lines.at(nodeOffset(n))
			l := Link{URL: destination(n.Destination), Text: cutText(flatText(src, n)), Line: line}
			if l.Text == "" {
				l.Text = around.text(src, n, line, l.URL)
			}
			c.add(l)
		case *ast.Image:
			line := lines.at(nodeOffset(n))
			c.add(Link{URL: destination(n.Destination), Text: cutText(flatText(src, n)), Kind: KindImage, Line: line})
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			line := lines.at(nodeOffset(n))
			u := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			c.add(Link{URL: u, Text: around.text(src, n, line, string(n.Label(src))), Line: line})
		case *ast.CodeSpan, *ast.Text, *ast.String:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// destination resolves the backslash escapes and character references of
// a link destination, as CommonMark reads it.
func destination(d []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(d))))
}

// cleanURL drops what a URL must not hold to be shown or passed on:
// control and format characters, and surrounding white space.
func cleanURL(u string) string {
	ok := true
	for _, r := range u {
		if !isURLRune(r) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return strings.TrimSpace(u)
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(u, "\uFFFD") {
		if isURLRune(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isURLRune reports whether r may stay in a URL: a space, or no other white
// space, control or format character.
func isURLRune(r rune) bool {
	return r == ' ' || !unicode.IsSpace(r) && !unicode.Is(unicode.Cc, r) && !unicode.Is(unicode.Cf, r)
}

// blockLines is the plain text, line by line, of the block whose line
// around a link was asked for last. The text of a block is made once, so a
// paragraph of many bare URLs costs its size, not its size times theirs.
type blockLines struct {
	cur   lineCursor // blocks are filled in order, so one cursor serves all
	block ast.Node
	first int      // line of lines[0]
	lines [][]byte // plain text of each line of the block
}

// text returns the plain text of line of the block that holds n, cut
// around needle (the URL as the line shows it) when it is long.
func (b *blockLines) text(src []byte, n ast.Node, line int, needle string) string {
	blk := n.Parent()
	for blk != nil && blk.Type() != ast.TypeBlock {
		blk = blk.Parent()
	}
	if blk == nil {
		return ""
	}
	if blk != b.block {
		b.fill(src, blk)
	}
	i := line - b.first
	if i < 0 || i >= len(b.lines) {
		return ""
	}
	return cutAround(cleanField(b.lines[i]), needle)
}

func (b *blockLines) fill(src []byte, blk ast.Node) {
	b.block = blk
	b.lines = b.lines[:0]
	if b.cur.src == nil {
		b.cur = newLineCursor(src)
	}
	cur := &b.cur
	b.first = cur.at(nodeOffset(blk))
	last := b.first
	inlineText(src, blk, func(off int, s []byte) {
		line := last
		if off >= 0 {
			line = cur.at(off)
		}
		if line < b.first { // a piece goldmark places before its block
			line = b.first
		}
		last = line
		for len(b.lines) <= line-b.first {
			b.lines = append(b.lines, nil)
		}
		b.lines[line-b.first] = append(b.lines[line-b.first], s...)
	})
}

// cutText cuts s to about maxLinkText runes, at a space when there is one
// in the second half, marking the cut with "…".
func cutText(s string) string {
	if utf8.RuneCountInString(s) <= maxLinkText {
		return s
	}
	r := []rune(s)
	end := maxLinkText
	if sp := lastSpace(r[maxLinkText/2 : end]); sp >= 0 {
		end = maxLinkText/2 + sp
	}
	return strings.TrimRight(string(r[:end]), " ") + "…"
}

// cutAround cuts s to about maxLinkText runes around needle (the URL as s
// shows it): from a little before it, at spaces where it can, marking the
// cuts with "…".
func cutAround(s, needle string) string {
	if utf8.RuneCountInString(s) <= maxLinkText {
		return s
	}
	r := []rune(s)
	at, atEnd := 0, 0
	if i := strings.Index(s, needle); i >= 0 && needle != "" {
		at = utf8.RuneCountInString(s[:i])
		atEnd = at + utf8.RuneCountInString(needle)
	}
	start := max(0, at-maxLinkLead)
	end := min(len(r), start+maxLinkText)
	start = max(0, end-maxLinkText)
	if start > 0 && start < at {
		for i, c := range r[start:at] {
			if c == ' ' {
				start += i + 1
				break
			}
		}
	}
	if end < len(r) && atEnd < end {
		if sp := lastSpace(r[atEnd:end]); sp >= 0 {
			end = atEnd + sp
		}
	}
	out := strings.TrimSpace(string(r[start:end]))
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return out
}

// lastSpace is the index of the last ' ' in r, or -1.
func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}
