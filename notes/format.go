package notes

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the output formats that need no terminal: JSON, the
// tab-separated list and plain text.

// DisplayMarkdown is the talk as markdown made for reading rather than
// faithful to the source (that is Talk.Markdown): the title as a heading,
// the speaker in bold with the affiliation, one URL a line, the rating as
// Stars, then the notes. Rendered output (ANSI, plain text) is made from it.
func (t *Talk) DisplayMarkdown() string {
	var b strings.Builder
	b.Grow(len(t.Body) + 256)
	b.WriteString("# " + t.Title + "\n\n")
	var header []string
	switch {
	case t.Speaker != "" && t.Affiliation != "":
		header = append(header, "**"+t.Speaker+"** · "+t.Affiliation)
	case t.Speaker != "":
		header = append(header, "**"+t.Speaker+"**")
	case t.Affiliation != "":
		header = append(header, t.Affiliation)
	}
	// URLs as autolinks, so a URL with non-ASCII letters
	// ("#víctor-ruiz") is one link, not cut where GFM's linkify stops.
	for _, u := range append([]string{t.SpeakerURL}, t.Links...) {
		if u != "" {
			header = append(header, autolink(u))
		}
	}
	// The header photo, which a terminal cannot show: its link.
	for _, im := range t.headerImages() {
		header = append(header, "Photo: "+autolink(im.URL))
	}
	if len(header) > 0 {
		// One item a line: renderers keep newlines, as HackMD (where such
		// notes are written) does, so no URL is wrapped after other text.
		b.WriteString(strings.Join(header, "\n") + "\n\n")
	}
	b.WriteString(Stars(t.Stars) + "\n")
	if t.Body != "" {
		b.WriteString("\n" + t.Body)
		if !strings.HasSuffix(t.Body, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// autolink writes u as a markdown autolink ("<https://go.dev/>") when it
// can be one, else as it is.
func autolink(u string) string {
	if strings.ContainsAny(u, "<> \t\n") || !strings.Contains(u, ":") {
		return u
	}
	return "<" + u + ">"
}

// TalkJSON is a talk as `list --json` and `show --format json` print it.
type TalkJSON struct {
	Number     int        `json:"number"`
	Slug       string     `json:"slug"`
	Title      string     `json:"title"`
	Speaker    string     `json:"speaker"`
	SpeakerURL string     `json:"speaker_url"`
	Links      []LinkJSON `json:"links"`
	Stars      int        `json:"stars"`
	Markdown   string     `json:"markdown"`
	// Sections is the talk's outline (Talk.Outline): its "###" and
	// "####" headings, [] when it has none.
	Sections []OutlineEntry `json:"sections"`
	Match    *MatchJSON     `json:"match,omitempty"`
}

// LinkJSON is one URL of a talk, in reading order: the header photo, the
// speaker block's URLs (Speaker), then every http(s) URL of the notes, an
// image's or a link's, each once.
type LinkJSON struct {
	URL     string `json:"url"`
	Kind    string `json:"kind"` // "link" or "image"
	Speaker bool   `json:"speaker,omitempty"`
}

// linksJSON lists t's URLs for JSON. It scans the notes with two
// patterns rather than parsing them (Talk.AllLinks does, with the text of
// each link), so list --json stays cheap at 100,000 talks.
func linksJSON(t *Talk) []LinkJSON {
	out := []LinkJSON{}
	seen := map[string]bool{}
	add := func(u, kind string, speaker bool) {
		u = strings.TrimRight(u, ".,;:!?*_'")
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		out = append(out, LinkJSON{URL: u, Kind: kind, Speaker: speaker})
	}
	for _, im := range t.headerImages() {
		add(im.URL, "image", false)
	}
	add(t.SpeakerURL, "link", true)
	for _, u := range t.Links {
		add(u, "link", true)
	}
	images := map[string]bool{}
	for _, m := range mdImage().FindAllStringSubmatch(t.Body, -1) {
		images[m[1]] = true
	}
	for _, u := range bareURL().FindAllString(t.Body, -1) {
		kind := "link"
		if images[strings.TrimRight(u, ".,;:!?*_'")] {
			kind = "image"
		}
		add(u, kind, false)
	}
	return out
}

// mdImage finds a markdown image's URL, compiled on first use.
var mdImage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)`) })

// MatchJSON says what a query matched: the field ("title", "speaker" or
// "notes"), the matched rune positions in that field (in the snippet for
// "notes") and, when the notes matched, a one-line snippet around the match.
type MatchJSON struct {
	Field     string `json:"field"`
	Positions []int  `json:"positions"`
	Snippet   string `json:"snippet,omitempty"`
	// Terms names which term of the query matched where: each positive
	// term with the fields it matched and the byte ranges in them.
	Terms []TermMarkJSON `json:"terms"`
}

// TermMarkJSON is one positive term's match in one field: the term as
// typed (Query is its bytes in the query), the field ("title",
// "speaker", "notes" or "link") and the matched byte ranges of the
// field's text ([start, end) pairs; in the URL for a link).
type TermMarkJSON struct {
	Term   string   `json:"term"`
	Query  [2]int   `json:"query"`
	Field  string   `json:"field"`
	Ranges [][2]int `json:"ranges"`
}

// termMarks are h's marks for JSON.
func termMarks(h Hit) []TermMarkJSON {
	out := []TermMarkJSON{}
	for _, mk := range h.Marks() {
		j := TermMarkJSON{Term: mk.Term.Text, Query: [2]int{mk.Term.Span.Start, mk.Term.Span.End}, Field: mk.Field.String(), Ranges: [][2]int{}}
		for _, r := range mk.Ranges {
			j.Ranges = append(j.Ranges, [2]int{r.Start, r.End})
		}
		out = append(out, j)
	}
	return out
}

// NewTalkJSON returns the JSON form of a hit; withMatch adds what the query
// matched. Slices are never nil, so they encode as [] rather than null.
func NewTalkJSON(h Hit, withMatch bool) TalkJSON {
	t := h.Talk
	j := TalkJSON{
		Number:     t.Number,
		Slug:       t.Slug,
		Title:      t.Title,
		Speaker:    t.Speaker,
		SpeakerURL: t.SpeakerURL,
		Links:      linksJSON(t),
		Stars:      t.Stars,
		Markdown:   t.Markdown(),
		Sections:   nonNil(t.Outline()),
	}
	if !withMatch {
		return j
	}
	snippet, snippetPos := h.Snippet()
	m := &MatchJSON{Field: h.Field.String(), Snippet: snippet}
	switch h.Field {
	case FieldTitle: // the snippet is the field itself
		m.Positions, m.Snippet = h.TitlePos, t.Title
	case FieldSpeaker:
		m.Positions, m.Snippet = h.SpeakerPos, t.Speaker
	case FieldNotes:
		m.Positions = snippetPos
	}
	m.Positions = nonNil(m.Positions)
	m.Terms = termMarks(h)
	j.Match = m
	return j
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// WriteJSON writes hits as a JSON array of TalkJSON, indented for people
// and friendly to jq. An empty list is written as [].
//
// The array is written a talk at a time, so its memory is that of one
// talk's JSON, not of the whole array: at 100,000 talks, building the
// array first and encoding it whole held the notes three times over
// (1.6 GB against 400 MB for the TSV list).
func WriteJSON(w io.Writer, hits []Hit, withMatch bool) error {
	return WriteJSONOf(w, hits, func(h Hit) any { return NewTalkJSON(h, withMatch) })
}

// WriteJSONOf writes hits as WriteJSON does, each as the JSON of what
// value makes of it (a TalkJSON with more fields, say), a talk at a time.
func WriteJSONOf(w io.Writer, hits []Hit, value func(Hit) any) error {
	if len(hits) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ") // as an element of the array: see encodeJSON
	sep := "[\n  "
	for _, h := range hits {
		buf.Reset()
		if err := enc.Encode(value(h)); err != nil {
			return err
		}
		bw.WriteString(sep)
		if _, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		sep = ",\n  "
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// WriteTalkJSON writes one hit as a JSON object.
func WriteTalkJSON(w io.Writer, h Hit, withMatch bool) error {
	return encodeJSON(w, NewTalkJSON(h, withMatch))
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteTSV writes one line per hit, fields separated by tabs, for cut, awk
// and sort: number, stars, slug, title, speaker. Tabs and newlines inside
// a field become spaces so every talk stays on one line.
func WriteTSV(w io.Writer, hits []Hit) error {
	b := bufio.NewWriterSize(w, 64<<10)
	for _, h := range hits {
		t := h.Talk
		b.WriteString(strconv.Itoa(t.Number))
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(t.Stars))
		b.WriteByte('\t')
		b.WriteString(tsvField(t.Slug))
		b.WriteByte('\t')
		b.WriteString(tsvField(t.Title))
		b.WriteByte('\t')
		b.WriteString(tsvField(t.Speaker))
		if err := b.WriteByte('\n'); err != nil {
			return err
		}
	}
	return b.Flush()
}

func tsvField(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\t' || r == '\r' || r == '\n'
	}), " ")
}

// PlainText turns markdown into readable text with no markdown syntax:
// headings stand on their own lines (the first two levels underlined),
// emphasis and code marks are dropped, list items get bullets, quotes a
// bar, code blocks an indent, and emoji shortcodes become emoji. Links
// whose text is not their URL are numbered ("the talk [1]") and listed at
// the end, as footnotes; bare URLs stay where they are. Lines are not
// wrapped: it is PlainTextWidth with width 0.
func PlainText(md string) string { return PlainTextWidth(md, 0) }

// PlainTextWidth is PlainText word-wrapped at width display columns (wide
// East Asian characters and emoji count two); width 0 or less means no
// wrapping. Continuation lines of a list item hang under the item's text,
// those of a quote keep its bar, and code blocks keep their lines. Words
// are never broken, so a URL or word wider than the line stands alone on
// a line of its own, over the width; text in CJK scripts may break
// between characters. The footnote list at the end is not wrapped.
func PlainTextWidth(md string, width int) string {
	src := []byte(SafeMarkdown(md))
	doc := plainMarkdown().Parser().Parse(text.NewReader(src))
	p := &plainWriter{src: src, index: map[string]int{}}
	lines := p.block(doc, max(width, 0))
	var b strings.Builder
	b.Grow(len(md))
	for _, l := range lines {
		b.WriteString(strings.TrimRight(stripControls(l), " "))
		b.WriteByte('\n')
	}
	if len(p.links) > 0 {
		b.WriteString("\nLinks:\n")
		for i, l := range p.links {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, l)
		}
	}
	return b.String()
}

// plainMarkdown is built on first use: the emoji table is big, and
// commands that print no plain text should not pay for it at start-up.
var plainMarkdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, emoji.Emoji))
})

type plainWriter struct {
	src   []byte
	links []string       // footnote targets, in order of first use
	index map[string]int // target -> footnote number
}

// footnote returns the footnote number of url, adding it if new.
func (p *plainWriter) footnote(url string) int {
	if n, ok := p.index[url]; ok {
		return n
	}
	p.links = append(p.links, url)
	p.index[url] = len(p.links)
	return len(p.links)
}

// block renders a block node to lines of at most width columns (0: no
// limit), but for code blocks, tables and words wider than the line.
func (p *plainWriter) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Heading:
		lines := wrapLines(p.inline(n), width)
		under := 0
		for _, l := range lines {
			under = max(under, textWidth(l))
		}
		if width > 0 {
			under = min(under, width)
		}
		switch n.Level {
		case 1:
			lines = append(lines, strings.Repeat("═", under))
		case 2:
			lines = append(lines, strings.Repeat("─", under))
		}
		return lines
	case *ast.Paragraph, *ast.TextBlock:
		return wrapLines(p.inline(n), width)
	case *ast.ThematicBreak:
		rule := 20
		if width > 0 {
			rule = min(rule, width)
		}
		return []string{strings.Repeat("─", rule)}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return p.rawLines(n, "    ")
	case *ast.Blockquote:
		return prefixLines(p.children(n, true, inner(width, 2)), "│ ", "│ ")
	case *ast.List:
		return p.list(n, width)
	case *extast.Table:
		return p.table(n)
	}
	return p.children(n, true, width)
}

// inner is the width left inside a prefix of indent columns: at least
// one column, so that deep nesting puts a word a line rather than none.
func inner(width, indent int) int {
	if width <= 0 {
		return 0
	}
	return max(width-indent, 1)
}

// children renders the block children of n, separated by a blank line when
// loose.
func (p *plainWriter) children(n ast.Node, loose bool, width int) []string {
	var lines []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if len(lines) > 0 && loose {
			lines = append(lines, "")
		}
		lines = append(lines, p.block(c, width)...)
	}
	return lines
}

func (p *plainWriter) list(l *ast.List, width int) []string {
	var lines []string
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "• "
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if len(lines) > 0 && !l.IsTight {
			lines = append(lines, "")
		}
		body := p.children(item, !l.IsTight, inner(width, textWidth(marker)))
		if len(body) == 0 {
			body = []string{""}
		}
		lines = append(lines, prefixLines(body, marker, strings.Repeat(" ", textWidth(marker)))...)
	}
	return lines
}

func (p *plainWriter) table(t *extast.Table) []string {
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			row = append(row, strings.ReplaceAll(p.inline(c), "\n", " "))
		}
		rows = append(rows, row)
	}
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	lines := make([]string, 0, len(rows))
	for _, row := range rows {
		var b strings.Builder
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-textWidth(c)+2))
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

func (p *plainWriter) rawLines(n ast.Node, indent string) []string {
	var b strings.Builder
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b.Write(seg.Value(p.src))
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	return prefixLines(lines, indent, indent)
}

// inline renders the inline content of n to text; line breaks are kept.
func (p *plainWriter) inline(n ast.Node) string {
	var b strings.Builder
	p.inlineTo(&b, n)
	return b.String()
}

func (p *plainWriter) inlineTo(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(p.src)
			if _, code := n.(*ast.CodeSpan); !code {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(p.src))
		case *ast.Link:
			label := p.inline(c)
			b.WriteString(label)
			dest := string(c.Destination)
			if dest != "" && dest != label && "mailto:"+label != dest {
				fmt.Fprintf(b, " [%d]", p.footnote(dest))
			}
		case *ast.Image:
			alt := p.inline(c)
			b.WriteString("Image")
			if alt != "" {
				b.WriteString(": " + alt)
			}
			if dest := string(c.Destination); dest != "" {
				fmt.Fprintf(b, " [%d]", p.footnote(dest))
			}
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(p.src))
			}
		case *emojiast.Emoji:
			if c.Value != nil && len(c.Value.Unicode) > 0 {
				b.WriteString(string(c.Value.Unicode))
			} else {
				b.WriteString(":" + string(c.ShortName) + ":")
			}
		case *extast.TaskCheckBox:
			if c.IsChecked {
				b.WriteString("[x] ")
			} else {
				b.WriteString("[ ] ")
			}
		default: // emphasis, code spans, strikethrough: their text
			p.inlineTo(b, c)
		}
	}
}

// stripControls removes control characters but tab (C0, DEL, C1) and bidi
// controls, and
// makes invalid UTF-8 U+FFFD: whatever a notes file holds, plain text
// cannot drive the terminal.
func stripControls(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f || isC1(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// prefixLines puts first before the first line and rest before the others.
func prefixLines(lines []string, first, rest string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		pre := rest
		if i == 0 {
			pre = first
		}
		if l == "" {
			out[i] = strings.TrimRight(pre, " ")
			continue
		}
		out[i] = pre + l
	}
	return out
}

// textWidth is the number of terminal columns s takes: wide East Asian
// characters and emoji take two, combining marks none.
func textWidth(s string) int { return ansi.StringWidth(s) }

// wrapLines word-wraps each line of s (its soft and hard line breaks are
// kept, as the renderers keep them) at width columns; width 0 means no
// wrapping.
func wrapLines(s string, width int) []string {
	lines := strings.Split(s, "\n")
	if width <= 0 {
		return lines
	}
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, wrapLine(l, width)...)
	}
	return out
}

// wrapLine breaks line into lines of at most width columns, at spaces and
// between CJK characters. A word is never broken: one wider than width
// (a long URL) stands alone on its line. Spaces at a break are dropped;
// spaces inside a line are kept.
func wrapLine(line string, width int) []string {
	if textWidth(stripControls(line)) <= width {
		return []string{line}
	}
	var out []string
	var cur strings.Builder
	curW := 0
	for _, tk := range wrapTokens(line) {
		w := textWidth(stripControls(tk.text))
		sepW := len(tk.sep) // spaces, one column each
		switch {
		case cur.Len() == 0 && len(out) == 0:
			cur.WriteString(tk.sep + tk.text) // leading spaces of the first line stay
			curW = sepW + w
		case cur.Len() == 0:
			cur.WriteString(tk.text)
			curW = w
		case curW+sepW+w <= width:
			cur.WriteString(tk.sep + tk.text)
			curW += sepW + w
		default:
			out = append(out, cur.String())
			cur.Reset()
			cur.WriteString(tk.text)
			curW = w
		}
	}
	if cur.Len() > 0 || len(out) == 0 {
		out = append(out, cur.String())
	}
	return out
}

// wrapToken is a piece of a line that wrapping never breaks, with the
// spaces before it ("" between two CJK characters).
type wrapToken struct{ sep, text string }

// wrapTokens splits line into the pieces a line may break between.
func wrapTokens(line string) []wrapToken {
	var toks []wrapToken
	for len(line) > 0 {
		i := 0
		for i < len(line) && line[i] == ' ' {
			i++
		}
		sep := line[:i]
		line = line[i:]
		j := strings.IndexByte(line, ' ')
		if j < 0 {
			j = len(line)
		}
		word := line[:j]
		line = line[j:]
		if word == "" { // trailing spaces
			break
		}
		for _, piece := range cjkPieces(word) {
			toks = append(toks, wrapToken{sep, piece})
			sep = ""
		}
	}
	return toks
}

// cjkPieces splits word where a line may break inside it: before and
// after a Han, kana or Hangul character, but never before a combining
// mark, joiner, variation selector or punctuation, nor after a joiner.
func cjkPieces(word string) []string {
	var pieces []string
	start := 0
	var prev rune = -1
	for i, r := range word {
		if prev >= 0 && (isCJK(prev) || isCJK(r)) && !noBreakBefore(r) && prev != '\u200d' {
			pieces = append(pieces, word[start:i])
			start = i
		}
		prev = r
	}
	return append(pieces, word[start:])
}

func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func noBreakBefore(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.P) ||
		r == '\u200d' || r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef ||
		r == 'ー' || r >= 0x3000 && r <= 0x303f
}

// Limits SafeMarkdown puts on markdown before it is rendered.
const (
	// MaxNesting is the deepest nesting of block quotes and lists kept;
	// renderers slow down steeply with depth (glamour takes minutes at a
	// few hundred levels).
	MaxNesting = 16
	// MaxLineBytes is the longest line kept; the rest of a longer line is
	// cut and marked with "…".
	MaxLineBytes = 128 << 10
)

// SafeMarkdown bounds what a markdown renderer is handed, so that a hostile
// notes file can neither stall it nor smuggle control characters through it:
// containers nested deeper than MaxNesting are flattened into the deepest
// level kept, lines longer than MaxLineBytes are cut, and numeric character
// references to control characters ("&#27;", "&#x9b;") become U+FFFD, as
// renderers would otherwise decode them into real ESC and CSI bytes.
// Ordinary notes pass through unchanged.
func SafeMarkdown(md string) string {
	if !needsTaming(md) {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	for len(md) > 0 {
		line := md
		rest := ""
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			line, rest = md[:i+1], md[i+1:]
		}
		md = rest
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		if len(line) > MaxLineBytes {
			cut := MaxLineBytes
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = line[:cut] + "…"
		}
		line = flattenNesting(line)
		line = controlReferences(line)
		b.WriteString(line)
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// needsTaming is a quick check that md has nothing SafeMarkdown changes.
func needsTaming(md string) bool {
	if strings.Contains(md, "&#") {
		return true
	}
	for len(md) > 0 {
		line := md
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			line, md = md[:i], md[i+1:]
		} else {
			md = ""
		}
		if len(line) > MaxLineBytes {
			return true
		}
		if depth, _ := nesting(line); depth > MaxNesting {
			return true
		}
	}
	return false
}

// nesting counts the container markers that open line: block quote
// markers, list markers, and leading indentation (two columns a level, as
// nested list items are written). It returns the count and the byte
// offset where the markers end.
func nesting(line string) (depth, end int) {
	col, i := 0, 0
	indentCols := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			col++
			i++
			continue
		case c == '\t':
			col += 4 - col%4
			i++
			continue
		case c == '>':
			indentCols += col
			col = 0
			depth++
			i++
			continue
		case c == '-' || c == '*' || c == '+':
			if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' {
				indentCols += col
				col = 0
				depth++
				i++
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') &&
				(j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				indentCols += col
				col = 0
				depth++
				i = j + 1
				continue
			}
		}
		break
	}
	return depth + (indentCols+col)/2, i
}

// flattenNesting keeps the first MaxNesting container markers of line and
// drops the others, with the indentation that nests them.
func flattenNesting(line string) string {
	depth, end := nesting(line)
	if depth <= MaxNesting {
		return line
	}
	var b strings.Builder
	kept, col := 0, 0
	for i := 0; i < end; {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if col < 2*MaxNesting && kept < MaxNesting {
				b.WriteByte(' ')
				col++
				if col%2 == 0 {
					kept++
				}
			}
			i++
		default:
			n := 1
			for c >= '0' && c <= '9' && i+n < end && line[i+n] >= '0' && line[i+n] <= '9' {
				n++
			}
			if c >= '0' && c <= '9' {
				n++ // the '.' or ')'
			}
			if kept < MaxNesting {
				b.WriteString(line[i : i+n])
				kept++
			}
			i += n
		}
	}
	s := strings.TrimRight(b.String(), " \t")
	if s != "" {
		s += " "
	}
	return s + strings.TrimLeft(line[end:], " \t")
}

// controlReferences replaces numeric character references to what the
// parser removes from notes (control characters, bidi controls) with
// U+FFFD.
func controlReferences(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "&#")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		r, n := numericReference(s[i:])
		switch {
		case n == 0:
			b.WriteString("&#")
			s = s[i+2:]
			continue
		case r == 0 || r < utf8.RuneSelf && isBadASCII(byte(r)) || isC1(r) || isBidiControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+n])
		}
		s = s[i+n:]
	}
	b.WriteString(s)
	return b.String()
}

// numericReference decodes the reference "&#...;" that s starts with,
// returning its code point and length, or n == 0 if s does not start with
// one (CommonMark: up to 7 decimal or 6 hexadecimal digits).
func numericReference(s string) (r rune, n int) {
	i, base, most := 2, 10, 7
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		i, base, most = 3, 16, 6
	}
	start := i
	v := 0
	for i < len(s) && i-start < most {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		v = v*base + d
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0, 0
	}
	return rune(v), i + 1
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
