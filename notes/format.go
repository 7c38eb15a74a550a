package notes

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// This file holds the output formats that need no terminal: JSON, the
// tab-separated list and plain text.

// Stars draws a rating as filled and empty stars with the number:
// "★★★★★★☆☆☆☆ 6/10". Keycap emoji (":six:") have unreliable widths across
// terminals, so output made for reading uses this instead.
func Stars(n int) string {
	n = max(0, min(n, MaxStars))
	return strings.Repeat("★", n) + strings.Repeat("☆", MaxStars-n) +
		" " + strconv.Itoa(n) + "/" + strconv.Itoa(MaxStars)
}

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
	if t.SpeakerURL != "" {
		header = append(header, t.SpeakerURL)
	}
	header = append(header, t.Links...)
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

// TalkJSON is a talk as `list --json` and `show --format json` print it.
type TalkJSON struct {
	Number     int        `json:"number"`
	Slug       string     `json:"slug"`
	Title      string     `json:"title"`
	Speaker    string     `json:"speaker"`
	SpeakerURL string     `json:"speaker_url"`
	Links      []string   `json:"links"`
	Stars      int        `json:"stars"`
	Markdown   string     `json:"markdown"`
	Match      *MatchJSON `json:"match,omitempty"`
}

// MatchJSON says what a query matched: the field ("title", "speaker" or
// "notes"), the matched rune positions in that field (in the snippet for
// "notes") and, when the notes matched, a one-line snippet around the match.
type MatchJSON struct {
	Field     string `json:"field"`
	Positions []int  `json:"positions"`
	Snippet   string `json:"snippet,omitempty"`
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
		Links:      nonNil(t.Links),
		Stars:      t.Stars,
		Markdown:   t.Markdown(),
	}
	if !withMatch {
		return j
	}
	m := &MatchJSON{Field: h.Field.String(), Snippet: h.Snippet}
	switch h.Field {
	case FieldTitle:
		m.Positions = h.TitlePos
	case FieldSpeaker:
		m.Positions = h.SpeakerPos
	case FieldNotes:
		m.Positions = h.SnippetPos
	}
	m.Positions = nonNil(m.Positions)
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
func WriteJSON(w io.Writer, hits []Hit, withMatch bool) error {
	out := make([]TalkJSON, 0, len(hits))
	for _, h := range hits {
		out = append(out, NewTalkJSON(h, withMatch))
	}
	return encodeJSON(w, out)
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
	var b strings.Builder
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
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
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
// the end, as footnotes; bare URLs stay where they are.
func PlainText(md string) string {
	src := []byte(md)
	doc := plainMarkdown.Parser().Parse(text.NewReader(src))
	p := &plainWriter{src: src, index: map[string]int{}}
	lines := p.block(doc)
	var b strings.Builder
	b.Grow(len(md))
	for _, l := range lines {
		b.WriteString(strings.TrimRight(l, " "))
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

var plainMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM, emoji.Emoji))

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

// block renders a block node to lines.
func (p *plainWriter) block(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Heading:
		t := p.inline(n)
		lines := strings.Split(t, "\n")
		switch n.Level {
		case 1:
			lines = append(lines, strings.Repeat("═", textWidth(lines[len(lines)-1])))
		case 2:
			lines = append(lines, strings.Repeat("─", textWidth(lines[len(lines)-1])))
		}
		return lines
	case *ast.Paragraph, *ast.TextBlock:
		return strings.Split(p.inline(n), "\n")
	case *ast.ThematicBreak:
		return []string{strings.Repeat("─", 20)}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return p.rawLines(n, "    ")
	case *ast.Blockquote:
		return prefixLines(p.children(n, true), "│ ", "│ ")
	case *ast.List:
		return p.list(n)
	case *extast.Table:
		return p.table(n)
	}
	return p.children(n, true)
}

// children renders the block children of n, separated by a blank line when
// loose.
func (p *plainWriter) children(n ast.Node, loose bool) []string {
	var lines []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if len(lines) > 0 && loose {
			lines = append(lines, "")
		}
		lines = append(lines, p.block(c)...)
	}
	return lines
}

func (p *plainWriter) list(l *ast.List) []string {
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
		body := p.children(item, !l.IsTight)
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
			b.Write(c.Segment.Value(p.src))
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

// textWidth is the number of runes in s, a good enough width for plain
// text alignment.
func textWidth(s string) int { return utf8.RuneCountInString(s) }
