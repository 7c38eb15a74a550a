// Package notestest writes synthetic notes files in the format of the
// GolangUK notes, for tests and benchmarks at scale, as net/http/httptest
// serves test servers.
//
// A generated file has a "# " title, the "## About us" and "## Schedule"
// sections, then n talks in the shapes the real notes use: a "## " heading,
// sometimes an image with a HackMD size suffix, a speaker line
// ("Name - URL", "Name- URL", "Name - Affiliation - URL", trailing spaces),
// sometimes a second "> https://..." line, the rating line (":six: :star:
// ..." whose number word always matches the count), and a markdown body
// (a talk is 0.5 to 3 KB, 1.7 KB on average; the real ones are 0.4 to 2.5
// KB, 1.6 KB on average) with "###" and "####" headings, nested lists indented with tabs and spaces, code spans,
// fenced code, links, emoji shortcodes and quotations.
//
// The output depends only on n and the seed, and the file for n talks is
// the start of the file for more talks with the same seed.
package notestest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Write writes a notes file with n talks generated from seed to w.
func Write(w io.Writer, n int, seed int64) error {
	if n < 0 {
		return fmt.Errorf("notestest: negative talk count %d", n)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	g := newGen(seed)
	g.header()
	if _, err := bw.Write(g.buf); err != nil {
		return err
	}
	for range n {
		g.buf = g.buf[:0]
		g.talk()
		if _, err := bw.Write(g.buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Bytes returns a notes file with n talks generated from seed.
func Bytes(n int, seed int64) []byte {
	var b bytes.Buffer
	b.Grow(512 + n*1700)
	if err := Write(&b, n, seed); err != nil {
		panic(err) // a bytes.Buffer does not fail; only n < 0 does
	}
	return b.Bytes()
}

// gen holds the random source and the talk being written.
type gen struct {
	r   *rand.Rand
	buf []byte
}

func newGen(seed int64) *gen {
	s := uint64(seed)
	return &gen{
		r:   rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)),
		buf: make([]byte, 0, 4096),
	}
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *gen) chance(p float64) bool   { return g.r.Float64() < p }
func (g *gen) between(lo, hi int) int  { return lo + g.r.IntN(hi-lo+1) }

// put appends strings to the talk being written.
func (g *gen) put(ss ...string) {
	for _, s := range ss {
		g.buf = append(g.buf, s...)
	}
}

func (g *gen) line(s string) { g.put(s, "\n") }

func (g *gen) header() {
	g.put("\n# ", g.pick(conferences), " talks notes\n\n")
	g.put("![](https://i.imgur.com/", g.imgurID(), ".jpg)\n\n")
	g.line("## About us")
	g.line("")
	g.put("![](https://i.imgur.com/", g.imgurID(), ".jpg =450x)\n\n")
	g.line("From left to right:")
	g.line("")
	for range 5 {
		name := g.name()
		g.put("- ", name, " - https://twitter.com/", handle(name), "\n")
	}
	g.line("")
	g.line("#### Sponsored by Gopher Industries")
	g.line("")
	g.line("- https://twitter.com/gopherindustries")
	g.line("- http://www.gopher.example")
	g.line("")
	g.line("## Schedule")
	g.line("")
	g.line("http://conference.example/schedule")
	g.line("")
	g.put("![](https://i.imgur.com/", g.imgurID(), ".jpg =400x)\n\n")
}

// talk writes one talk.
func (g *gen) talk() {
	g.put("## ")
	g.title()
	g.line("")
	if g.chance(0.05) {
		g.line("") // "## static deadlock detection" has a blank line here
	}
	if g.chance(0.5) {
		g.put("![](http://i.imgur.com/", g.imgurID(), ".jpg", g.pick(sizeSuffixes), ")\n")
	}
	name := g.name()
	h := handle(name)
	url := "http://conference.example/speakers/#" + h
	if g.chance(0.3) {
		url = "https://" + h + g.pick(tlds)
	}
	switch x := g.r.IntN(20); {
	case x == 0:
		g.put("> ", name, "- ", url, "\n") // "Victor Ruiz- http://..."
	case x <= 2:
		g.put("> ", name, " - ", g.pick(affiliations), " - ", url, "\n")
	case x == 3:
		g.put("> ", name, " - ", url, " \n") // trailing space
	default:
		g.put("> ", name, " - ", url, "\n")
	}
	if g.chance(0.1) {
		g.put("> https://github.com/", h, "/", g.pick(projects), "\n")
	}
	g.line("")
	stars := g.stars()
	g.put(":", numberWords[stars], ":")
	for range stars {
		g.put(" :star:")
	}
	if g.chance(0.2) {
		g.put(" ")
	}
	g.line("")
	g.line("")
	g.body(g.between(400, 2200))
	g.line("")
}

// stars draws a rating from 1 to 9, most talks between 4 and 8 as in the
// real notes.
func (g *gen) stars() int {
	return min(9, max(1, (g.between(1, 9)+g.between(1, 9)+1)/2))
}

func (g *gen) title() {
	if g.chance(0.08) {
		g.put("Keynote: ")
	}
	g.expand(g.pick(titleShapes))
}

// expand writes a template, filling its placeholders: {Topic} and {Thing}
// as written, {topic} and {thing} in lower case, {pkg}, {ident} (as a code
// span), {name}, {n} (a number) and {ver} (a Go version).
func (g *gen) expand(tmpl string) {
	for {
		i := strings.IndexByte(tmpl, '{')
		j := strings.IndexByte(tmpl[max(i, 0):], '}')
		if i < 0 || j < 0 {
			g.put(tmpl)
			return
		}
		g.put(tmpl[:i])
		switch key := tmpl[i+1 : i+j]; key {
		case "Topic":
			g.put(g.pick(topics))
		case "topic":
			g.put(g.pick(lowerTopics))
		case "Thing":
			g.put(g.pick(things))
		case "thing":
			g.put(g.pick(lowerThings))
		case "pkg":
			g.put(g.pick(packages))
		case "ident":
			g.put("`", g.pick(idents), "`")
		case "name":
			g.put(g.pick(firstNames), " ", g.pick(lastNames))
		case "n":
			g.buf = strconv.AppendInt(g.buf, int64(g.between(2, 400)), 10)
		case "ver":
			g.put("1.")
			g.buf = strconv.AppendInt(g.buf, int64(g.between(5, 26)), 10)
		default:
			g.put(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

func (g *gen) name() string {
	return g.pick(firstNames) + " " + g.pick(lastNames)
}

func (g *gen) imgurID() string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var b [7]byte
	for i := range b {
		b[i] = alnum[g.r.IntN(len(alnum))]
	}
	return string(b[:])
}

// body writes blocks until the body reaches about size bytes.
func (g *gen) body(size int) {
	start := len(g.buf)
	if g.chance(0.3) {
		g.paragraph()
		g.line("")
	}
	for len(g.buf)-start < size {
		switch x := g.r.IntN(100); {
		case x < 22:
			g.heading("### ")
		case x < 30:
			g.heading("#### ")
		case x < 70:
			g.list()
			g.line("")
		case x < 80:
			g.paragraph()
			g.line("")
		case x < 86:
			g.fence()
			g.line("")
		case x < 91:
			g.put("> ")
			g.sentence()
			g.line("\n")
		case x < 95:
			g.numbered()
			g.line("")
		default:
			g.put("![](https://i.imgur.com/", g.imgurID(), ".png", g.pick(sizeSuffixes), ")\n\n")
		}
	}
}

// heading writes a heading and the block under it: a list, most of the
// time right under it as in the real notes, or a paragraph.
func (g *gen) heading(marks string) {
	g.put(marks)
	g.expand(g.pick(headings))
	g.line("")
	if g.chance(0.3) {
		g.line("")
	}
	if g.chance(0.75) {
		g.list()
	} else {
		g.paragraph()
	}
	g.line("")
}

// list writes a bullet list nested up to three levels, indented with
// tabs, two spaces or a mix, as the real notes are.
func (g *gen) list() {
	bullet := "- "
	if g.chance(0.2) {
		bullet = "* "
	}
	indents := indentStyles[g.r.IntN(len(indentStyles))]
	lead := ""
	if g.chance(0.15) {
		lead = "  " // "  - two levels" in the logging talk
	}
	depth := 0
	for i := range g.between(3, 9) {
		switch x := g.r.IntN(10); {
		case i == 0:
		case x < 3 && depth < 2:
			depth++
		case x < 5 && depth > 0:
			depth--
		}
		g.put(lead, indents[depth], bullet)
		g.sentence()
		g.line("")
	}
}

func (g *gen) numbered() {
	for i := range g.between(2, 5) {
		g.buf = strconv.AppendInt(g.buf, int64(i+1), 10)
		g.put(". ")
		g.sentence()
		g.line("")
	}
}

func (g *gen) paragraph() {
	for i := range g.between(1, 3) {
		if i > 0 {
			g.put(". ")
		}
		g.sentence()
	}
	g.line(".")
}

func (g *gen) fence() {
	if g.chance(0.5) {
		g.line("```go")
	} else {
		g.line("```")
	}
	g.put(g.pick(codeBlocks))
	g.line("```")
}

// sentence writes a note-taker's line: a phrase, sometimes with a code
// span, a link, an emoji or bold text.
func (g *gen) sentence() {
	x := g.r.IntN(20)
	if x == 3 {
		g.put("**")
	}
	g.expand(g.pick(phrases))
	switch x {
	case 0:
		g.put(" ", g.pick(emoji))
	case 1:
		g.put(" https://github.com/", g.pick(handles), "/", g.pick(projects))
	case 2:
		g.put(", see [", g.pick(projects), "](https://", g.pick(projects), ".example)")
	case 3:
		g.put("**")
	}
}

// handle is a lowercase ASCII form of a name for URLs.
func handle(name string) string {
	b := make([]byte, 0, len(name))
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z':
			b = append(b, byte(r))
		case r == ' ':
			b = append(b, '-')
		default:
			if f, ok := asciiFold[r]; ok {
				b = append(b, f)
			}
		}
	}
	return string(b)
}

var asciiFold = map[rune]byte{
	'á': 'a', 'à': 'a', 'ä': 'a', 'â': 'a', 'ã': 'a', 'ă': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ë': 'e', 'ê': 'e', 'í': 'i', 'ï': 'i', 'î': 'i',
	'ó': 'o', 'ö': 'o', 'ô': 'o', 'ø': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n',
	'ç': 'c', 'ș': 's', 'ş': 's', 'ț': 't', 'ţ': 't', 'ł': 'l', 'ß': 's',
	'š': 's', 'ž': 'z', 'č': 'c', 'ć': 'c', 'ń': 'n', 'ę': 'e', 'ą': 'a',
	'ı': 'i', 'ğ': 'g',
}

// Lower-case forms of the vocabulary, for use inside sentences.
var (
	lowerTopics = lowerAll(topics)
	lowerThings = lowerAll(things)
	handles     = func() []string {
		var hs []string
		for _, f := range firstNames {
			hs = append(hs, handle(f))
		}
		return hs
	}()
)

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}
