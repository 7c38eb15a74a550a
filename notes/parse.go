package notes

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
)

// ErrNoTalks is wrapped by the *Error returned for an empty file or a file
// in which no "## " section has a rating line.
var ErrNoTalks = errors.New("no talks")

// talkShape explains what a talk looks like, for the no-talks error.
const talkShape = `a talk is a "## Title" heading followed by a "> Speaker - https://..." line and a rating line such as ":three: :star: :star: :star:"`

// untitledTalk is the title given to a talk whose heading is empty.
const untitledTalk = "Untitled talk"

// maxSlugLen caps slugs so a pathological title cannot make a huge one.
const maxSlugLen = 80

// Parse reads a notes file from r. If r has a Name method (as *os.File
// does), the base of that name is used in errors and warnings.
func Parse(r io.Reader) (*Document, error) {
	name := ""
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		name = filepath.Base(n.Name())
	}
	return ParseNamed(name, r)
}

// ParseNamed reads a notes file from r; name is used in errors and
// warnings ("notes: talks.md:12: ...").
//
// Text is cleaned as it is read, so nothing from the file can drive a
// terminal: C0 and C1 control characters (ESC, CSI, OSC introducers, BEL,
// DEL, ...) other than tab and newline are removed, "\r\n" and a lone "\r"
// (classic Mac OS) end lines as "\n" does, as in CommonMark, invalid UTF-8
// bytes become U+FFFD, a leading
// byte order mark is dropped, and the explicit bidirectional embedding,
// override and isolate characters (U+202A-U+202E, U+2066-U+2069), which can
// reorder how text is shown, are removed everywhere. One-line fields
// (titles, speaker, affiliation, headings, image alt text) also lose
// zero-width and bidi mark characters and have their whitespace collapsed
// to single spaces, so they never hold a tab.
func ParseNamed(name string, r io.Reader) (*Document, error) {
	src, err := readAll(r)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = pe.Op + ": " + pe.Err.Error()
		}
		return nil, &Error{Name: name, Msg: msg, Err: err}
	}
	p := &parser{name: name, src: sanitize(src)}
	return p.parse()
}

// MaxSize is the largest notes file Parse reads, in bytes: about 150,000
// talks of the GolangUK notes' size. Past it Parse stops reading (a stream
// such as /dev/zero never ends) and returns an error.
const MaxSize = 256 << 20

// MaxSections is the most "## " sections (talks and free sections) Parse
// reads: a notes file of more is refused before any is read. Each talk
// costs memory of its own beside its text (its fields and its place in
// the search index, about 360 bytes, and 130 more while a search that finds
// it makes its hit), so within MaxSize a file of tiny talks ("## a\n:star:\n",
// 12 bytes each) would need 11 GB; at MaxSections a program stays under
// about 1 GB (list -q x over 1,000,000 tiny talks peaks at 547 MB). The
// GolangUK notes have 26.
const MaxSections = 1 << 20

// ErrTooManySections is wrapped by the *Error for a file of more than
// MaxSections sections.
var ErrTooManySections = errors.New("too many sections")

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// errTooLarge says MaxSize in MiB, written out so that nothing is
// formatted when the program starts.
var errTooLarge = errors.New("larger than 256 MiB; is it a notes file?")

// readAll reads r to the end into a string sized up front when r can say
// how much it holds, so a large file is neither copied while it is read
// nor held twice, as bytes and as a string.
func readAll(r io.Reader) (string, error) {
	size := 0
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), 1<<40))
		}
	}
	var b strings.Builder
	b.Grow(min(size, MaxSize) + 1)
	if m, ok := r.(interface {
		Len() int
		io.WriterTo
	}); ok && m.Len() <= MaxSize {
		// A bytes.Reader writes what it holds in one piece: no buffer
		// between it and b.
		if _, err := m.WriteTo(&b); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	// A stream such as /dev/zero never ends: read one byte past MaxSize.
	if _, err := io.Copy(&b, io.LimitReader(r, MaxSize+1)); err != nil {
		return "", err
	}
	if b.Len() > MaxSize {
		return "", errTooLarge
	}
	return b.String(), nil
}

// parser holds the state of one parse.
type parser struct {
	name string
	src  string
	doc  *Document
	// slugs holds the slugs taken, each with the next suffix to try when
	// it is the base of a later one.
	slugs map[string]int
	// slugText holds the slugs made so far, one after the other: a slug
	// is a piece of it (see keepSlug).
	slugText strings.Builder
}

// span is a "## " section of the source: its heading line and the text
// after it.
type span struct {
	line  int    // 1-based line of the heading
	head  string // the heading line
	start int    // offset of the line after the heading
	end   int    // offset of the end of the section
}

func (p *parser) parse() (*Document, error) {
	p.doc = &Document{Name: p.name}
	if strings.TrimSpace(p.src) == "" {
		return nil, &Error{Name: p.name, Msg: "empty file; " + talkShape, Err: ErrNoTalks}
	}

	if n := strings.Count(p.src, "\n## ") + boolInt(strings.HasPrefix(p.src, "## ")); n > MaxSections {
		return nil, &Error{Name: p.name, Err: ErrTooManySections,
			Msg: fmt.Sprintf("%d \"## \" sections, more than %d; is it a notes file?", n, MaxSections)}
	}
	introEnd, spans, unclosed := splitSections(p.src, false)
	if unclosed > 0 {
		// A code fence was never closed and swallowed "## " headings. Most
		// likely a typo: let headings end fences instead of losing talks.
		introEnd, spans, _ = splitSections(p.src, true)
		p.warn(unclosed, "code fence is never closed; \"## \" headings after it are read as sections")
	}

	p.intro(p.src[:introEnd])
	p.doc.Talks = make([]*Talk, 0, len(spans))
	p.slugs = make(map[string]int, len(spans))
	for _, s := range spans {
		p.section(s)
	}

	if len(p.doc.Talks) == 0 {
		msg := "no talks; " + talkShape
		switch n := len(p.doc.Sections); {
		case n == 1:
			msg = fmt.Sprintf("no talks: the \"## \" section at line %d has no rating line; %s", p.doc.Sections[0].Line, talkShape)
		case n > 1:
			msg = fmt.Sprintf("no talks: none of the %d \"## \" sections has a rating line; %s", n, talkShape)
		}
		return nil, &Error{Name: p.name, Msg: msg, Err: ErrNoTalks}
	}
	if p.doc.Title == "" {
		// The file's base name, not its path: a title is one short line.
		p.doc.Title = strings.TrimSuffix(baseName(p.name), filepath.Ext(p.name))
		if p.doc.Title = cleanInline(p.doc.Title); p.doc.Title == "" {
			p.doc.Title = "Notes"
		}
		p.warn(0, fmt.Sprintf("no \"# \" title line; using %q", p.doc.Title))
	}
	return p.doc, nil
}

// MaxFieldBytes is the longest title or speaker kept, in bytes: a
// longer one is cut there, at a character, with "…", and a warning. A
// title of 10 MB cost every keystroke of the browser 75 ms (each frame
// measured it to fit it on a line) and made every message quoting it
// long; a real title is under 200 bytes.
const MaxFieldBytes = 1000

// capField cuts s, the named field of the section at line, to
// MaxFieldBytes.
func (p *parser) capField(name, s string, line int) string {
	if len(s) <= MaxFieldBytes {
		return s
	}
	cut := MaxFieldBytes - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	p.warn(line, fmt.Sprintf("%s is %d bytes; cut to %d", name, len(s), MaxFieldBytes))
	return s[:cut] + "…"
}

// baseName is the last element of a file name, path or URL ("" for "").
// A backslash is no separator here: a name shown escaped holds them
// ("evil\\x1b]0;X.md").
func baseName(name string) string {
	name = strings.TrimRight(name, "/")
	return name[strings.LastIndexByte(name, '/')+1:]
}

func (p *parser) warn(line int, msg string) {
	p.doc.Warnings = append(p.doc.Warnings, Warning{Name: p.name, Line: line, Msg: msg})
}

// splitSections finds the "## " headings of src outside fenced code. It
// returns the end of the text before the first section, the sections, and
// (when a fence opened on that line is still open at the end of the text
// and hides at least one "## " heading) the line of that fence. With
// headingsEndFences, a "## " heading closes any open fence.
func splitSections(src string, headingsEndFences bool) (introEnd int, spans []span, unclosed int) {
	introEnd = len(src)
	// Most "## " headings start a line; sized for them, the spans of
	// 100,000 talks are not copied while they grow.
	spans = make([]span, 0, strings.Count(src, "\n## ")+1)
	var f fence
	hidden := false
	lineNo := 0
	for pos, next := 0, 0; pos < len(src); pos = next {
		var line string
		line, next = nextLine(src, pos)
		lineNo++
		if f.open() {
			lvl, _, ok := atxHeading(line)
			switch {
			case f.closes(line):
				f = fence{}
				continue
			case !ok || lvl != 2:
				continue
			case !headingsEndFences:
				hidden = true
				continue
			}
			f = fence{} // a "## " heading ends the fence
		}
		if g, ok := openFence(line); ok {
			g.line = lineNo
			f, hidden = g, false
		} else if lvl, _, ok := atxHeading(line); ok && lvl == 2 {
			if len(spans) == 0 {
				introEnd = pos
			} else {
				spans[len(spans)-1].end = pos
			}
			spans = append(spans, span{line: lineNo, head: line, start: next, end: len(src)})
		}
	}
	if f.open() && hidden {
		unclosed = f.line
	}
	return introEnd, spans, unclosed
}

// intro reads the text before the first "## " section: the "# " title and
// whatever else is there.
func (p *parser) intro(text string) {
	var b strings.Builder
	var f fence
	lineNo := 0
	for pos := 0; pos < len(text); {
		line, next := nextLine(text, pos)
		lineNo++
		pos = next
		if !f.open() && p.doc.Title == "" {
			if lvl, t, ok := atxHeading(line); ok && lvl == 1 {
				if p.doc.Title = p.capField("title", cleanInline(t), lineNo); p.doc.Title != "" {
					continue
				}
			}
		}
		out, _ := mdLine(&f, line, lineNo, nil, nil)
		b.WriteString(out)
		b.WriteByte('\n')
	}
	p.doc.Intro = trimBlankLines(b.String())
}

// section reads one "## " section: a talk if its header has a rating line,
// otherwise a free section.
func (p *parser) section(s span) {
	_, title, _ := atxHeading(s.head)
	title = p.capField("title", cleanInline(title), s.line)

	t := &Talk{Title: title, Line: s.line}
	lineNo := s.line
	pos := s.start
	rated := false
	var ratingWarn []string
	var h header
header:
	for pos < s.end {
		line, next := nextLine(p.src[:s.end], pos)
		lineNo++
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
		case isImageLine(trimmed):
			normaliseImages(trimmed, &t.Images)
		case isQuote(line):
			q := quoteText(line)
			if stars, msgs, ok := parseRating(q); ok {
				t.Stars, ratingWarn, rated = stars, msgs, true
				pos = next
				break header
			}
			h.quote(t, q, p.name, lineNo)
		default:
			if stars, msgs, ok := parseRating(trimmed); ok {
				t.Stars, ratingWarn, rated = stars, msgs, true
				pos = next
			}
			break header
		}
		pos = next
	}

	if !rated {
		if t.SpeakerURL != "" {
			p.warn(s.line, fmt.Sprintf("%q has a speaker line but no rating line (\":three: :star: :star: :star:\"), so it is not a talk", title))
		}
		md := p.markdown(s.start, s.end, s.line, nil, nil)
		p.doc.Sections = append(p.doc.Sections, Section{Title: title, Markdown: md, Line: s.line})
		return
	}

	t.Speaker = p.capField("speaker", strings.Join(h.speakers, ", "), s.line)
	p.doc.Warnings = append(p.doc.Warnings, h.warnings...)
	for _, m := range ratingWarn {
		p.warn(lineNo, m)
	}
	t.Number = len(p.doc.Talks) + 1
	if t.Title == "" {
		t.Title = untitledTalk
		p.warn(s.line, "talk heading is empty; titled "+strconv.Quote(untitledTalk))
	}
	t.Slug = p.slug(t)

	t.header = p.src[s.start:pos] // ends with the rating line (headerParts)
	t.Body = p.markdown(pos, s.end, lineNo, &t.Images, &t.Headings)
	p.doc.Talks = append(p.doc.Talks, t)
}

// markdown returns the lines of src[start:end] (the first of which is line
// lineNo+1) with image size suffixes normalised outside fenced code, and
// blank lines trimmed at both ends. It collects images and "###" to
// "######" headings when asked to. Text that needs no change is sliced
// from the source, not copied; text that changes is written once, to a
// builder of its size (a normalised line is never longer than it was).
func (p *parser) markdown(start, end, lineNo int, images *[]Image, headings *[]Heading) string {
	src := p.src[:end]
	var f fence
	var b strings.Builder // the text, once a line has changed
	for pos := start; pos < end; {
		line, next := nextLine(src, pos)
		lineNo++
		out, changed := mdLine(&f, line, lineNo, images, headings)
		if changed && b.Cap() == 0 {
			b.Grow(end - start)
			b.WriteString(src[start:pos])
		}
		if b.Cap() > 0 {
			b.WriteString(out)
			b.WriteByte('\n')
		}
		pos = next
	}
	if b.Cap() == 0 {
		return trimBlankLines(src[start:end])
	}
	return trimBlankLines(b.String())
}

// mdLine returns line with image size suffixes normalised unless it is in
// fenced code, and whether that changed it; f tracks fences across lines.
func mdLine(f *fence, line string, lineNo int, images *[]Image, headings *[]Heading) (string, bool) {
	if f.open() {
		if f.closes(line) {
			*f = fence{}
		}
		return line, false
	}
	if g, ok := openFence(line); ok {
		*f = g
		return line, false
	}
	if headings != nil {
		if lvl, text, ok := atxHeading(line); ok && lvl >= 3 {
			*headings = append(*headings, Heading{Level: lvl, Text: cleanInline(text), Line: lineNo})
		}
	}
	out := normaliseImages(line, images)
	return out, len(out) != len(line)
}

// header collects what the blockquote lines of a talk header say.
type header struct {
	speakers []string
	warnings []Warning
}

// quote reads a blockquote line of a talk header: the first is the speaker
// line, later ones hold further links or, rarely, further speakers.
func (h *header) quote(t *Talk, q string, name string, lineNo int) {
	who, aff, url := parseSpeaker(q)
	switch {
	case who == "" && aff == "" && url == "":
		// An empty "> " line.
	case len(h.speakers) == 0 && t.SpeakerURL == "" && len(t.Links) == 0:
		t.Affiliation, t.SpeakerURL = aff, url
		if who != "" {
			h.speakers = append(h.speakers, who)
		}
	case who == "" && aff == "":
		t.Links = append(t.Links, url)
	default:
		if who != "" {
			h.speakers = append(h.speakers, who)
			h.warnings = append(h.warnings, Warning{Name: name, Line: lineNo,
				Msg: fmt.Sprintf("further speaker line; %q added to the speakers", who)})
		}
		if url != "" {
			t.Links = append(t.Links, url)
		}
	}
}

// slug returns a unique slug for t.
func (p *parser) slug(t *Talk) string {
	if p.slugs == nil {
		p.slugs = make(map[string]int)
	}
	base := slugify(t.Title)
	switch {
	case base == "":
		base = "talk-" + strconv.Itoa(t.Number)
	case isDigits(base):
		// Keep numbers for talk numbers: "1984" would shadow talk 1984.
		base = "talk-" + base
	}
	s := base
	for n := p.slugs[base]; p.isTaken(s); n++ {
		if n < 2 {
			n = 2
		}
		s = base + "-" + strconv.Itoa(n)
		p.slugs[base] = n + 1
	}
	s = p.keepSlug(s)
	p.slugs[s] = 0
	return s
}

// keepSlug returns s as a piece of p.slugText, written to it. A slug of
// its own was a 16-byte allocation for the 8 to 12 bytes of a tiny talk's
// slug ("talk-123456"), 16 MB at 1,000,000 talks. A strings.Builder never
// changes what it has written, so earlier pieces stay as they were.
func (p *parser) keepSlug(s string) string {
	b := &p.slugText
	if b.Cap()-b.Len() < len(s) {
		n := min(64<<10, max(256, 2*b.Cap())) // small for a small file
		*b = strings.Builder{}
		b.Grow(max(n, len(s)))
	}
	start := b.Len()
	b.WriteString(s)
	return b.String()[start:]
}

func (p *parser) isTaken(slug string) bool {
	_, ok := p.slugs[slug]
	return ok
}

// slugify makes a lowercase ASCII slug of s: accents folded, runs of other
// characters turned into one '-', at most maxSlugLen bytes.
func slugify(s string) string {
	var buf [maxSlugLen + 1]byte
	b := buf[:0]
	dash := false
	for _, r := range s {
		r = unicode.ToLower(fold.Rune(r))
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, byte(r))
		default:
			dash = true
		}
		if len(b) >= maxSlugLen {
			break
		}
	}
	if len(b) > maxSlugLen {
		b = b[:maxSlugLen]
	}
	return strings.Trim(string(b), "-")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Lookup finds a talk by number ("7") or slug (case-insensitive).
func (d *Document) Lookup(ref string) (*Talk, bool) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.Atoi(strings.TrimPrefix(ref, "#")); err == nil {
		if n >= 1 && n <= len(d.Talks) {
			return d.Talks[n-1], true
		}
		return nil, false
	}
	for _, t := range d.Talks {
		if strings.EqualFold(t.Slug, ref) {
			return t, true
		}
	}
	return nil, false
}

// ---- lines ----

// nextLine returns the line starting at pos, without its newline, and the
// offset of the next line.
func nextLine(s string, pos int) (string, int) {
	i := strings.IndexByte(s[pos:], '\n')
	if i < 0 {
		return s[pos:], len(s)
	}
	return s[pos : pos+i], pos + i + 1
}

// trimBlankLines drops leading and trailing blank lines (and trailing
// white space) but keeps the indentation of the first line.
func trimBlankLines(s string) string {
	for s != "" {
		line, next := nextLine(s, 0)
		if strings.TrimSpace(line) != "" || next == 0 {
			break
		}
		s = s[next:]
	}
	return strings.TrimRight(s, " \t\n")
}

// atxHeading reports whether line is an ATX heading ("## Title") and
// returns its level and text, without a closing sequence of '#'.
func atxHeading(line string) (level int, text string, ok bool) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && line[j] == '#' {
		j++
	}
	level = j - i
	if level < 1 || level > 6 {
		return 0, "", false
	}
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return 0, "", false
	}
	text = strings.TrimSpace(line[j:])
	// A closing sequence: trailing '#'s preceded by a space, or all '#'s.
	if k := strings.TrimRight(text, "#"); k != text {
		if k == "" {
			text = ""
		} else if c := k[len(k)-1]; c == ' ' || c == '\t' {
			text = strings.TrimSpace(k)
		}
	}
	return level, text, true
}

// fence is an open fenced code block.
type fence struct {
	ch   byte // '`' or '~'; 0 when no fence is open
	n    int  // length of the opening run
	line int
}

func (f fence) open() bool { return f.ch != 0 }

// openFence reports whether line opens a fenced code block. Indentation is
// allowed (fences inside list items are indented).
func openFence(line string) (fence, bool) {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return fence{}, false
	}
	ch := t[0]
	n := 0
	for n < len(t) && t[n] == ch {
		n++
	}
	if n < 3 {
		return fence{}, false
	}
	if ch == '`' && strings.IndexByte(t[n:], '`') >= 0 {
		// "```code```" on one line is inline code, not a fence.
		return fence{}, false
	}
	return fence{ch: ch, n: n}, true
}

// closes reports whether line closes f.
func (f fence) closes(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) < f.n {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != f.ch {
			return false
		}
	}
	return true
}

// isQuote reports whether line is a blockquote line.
func isQuote(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(line)-len(t) <= 3 && strings.HasPrefix(t, ">")
}

// quoteText is the text of a blockquote line, without its marker.
func quoteText(line string) string {
	t := strings.TrimLeft(line, " ")
	return strings.TrimSpace(strings.TrimPrefix(t, ">"))
}

// ---- speaker lines ----

// parseSpeaker splits a speaker line: "Name - URL", "Name- URL",
// "Name - Affiliation - URL", "[Name](URL)", or a lone URL.
func parseSpeaker(q string) (name, affiliation, url string) {
	q = strings.TrimSpace(q)
	if strings.HasPrefix(q, "[") {
		if i := strings.Index(q, "]("); i > 0 {
			if j := strings.IndexByte(q[i+2:], ')'); j >= 0 {
				u := strings.TrimSpace(q[i+2 : i+2+j])
				if isURL(u) {
					rest := q[1:i] + " - " + q[i+2+j+1:]
					name, affiliation = splitNameAffiliation(rest)
					return name, affiliation, u
				}
			}
		}
	}
	// The last white-space-separated field that is a URL, q[from:to].
	from, to := -1, -1
	for end := len(q); end > 0; {
		r, size := utf8.DecodeLastRuneInString(q[:end])
		if unicode.IsSpace(r) {
			end -= size
			continue
		}
		start := strings.LastIndexFunc(q[:end], unicode.IsSpace) + 1
		if start > 0 {
			_, sp := utf8.DecodeRuneInString(q[start-1:])
			start += sp - 1
		}
		if isURL(urlToken(q[start:end])) {
			from, to = start, end
			break
		}
		end = start
	}
	if from < 0 {
		name, affiliation = splitNameAffiliation(q)
		return name, affiliation, ""
	}
	url = urlToken(q[from:to])
	// What is around the URL; white space is collapsed by
	// splitNameAffiliation. Usually the URL ends the line and the name
	// and affiliation are slices of it.
	rest := q[:from]
	if after := strings.TrimSpace(q[to:]); after != "" {
		rest += " - " + after
	}
	name, affiliation = splitNameAffiliation(rest)
	return name, affiliation, cleanInline(url)
}

// urlToken strips what may surround a URL in a speaker line: a dash
// glued to it ("Name -https://...") and angle brackets or parentheses.
func urlToken(f string) string {
	return strings.Trim(strings.TrimLeft(f, "-–—|:"), "<>()")
}

// splitNameAffiliation splits "Name - Affiliation" at dashes that have
// white space on at least one side (so "Jean-Luc" stays whole).
func splitNameAffiliation(s string) (name, affiliation string) {
	parts := make([]string, 0, 4)
	start := 0
	prevSpace := true
	for i, r := range s {
		if r == '-' || r == '–' || r == '—' || r == '|' {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			nextSpace := i+utf8.RuneLen(r) >= len(s) || unicode.IsSpace(next)
			if prevSpace || nextSpace {
				parts = append(parts, s[start:i])
				start = i + utf8.RuneLen(r)
			}
		}
		prevSpace = unicode.IsSpace(r)
	}
	parts = append(parts, s[start:])
	kept := make([]string, 0, 4)
	for _, p := range parts {
		if p = cleanInline(p); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return "", ""
	}
	return kept[0], strings.Join(kept[1:], " - ")
}

// isURL reports whether s looks like a link target.
func isURL(s string) bool {
	if strings.HasPrefix(strings.ToLower(s), "mailto:") || strings.HasPrefix(strings.ToLower(s), "www.") {
		return len(s) > 7
	}
	i := strings.Index(s, "://")
	if i <= 0 || i+3 >= len(s) {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// ---- rating lines ----

// numberWord is the value of a number word's shortcode (":eight:"). A
// switch, not a map: nothing to build when the program starts.
func numberWord(code string) (int, bool) {
	switch code {
	case "zero":
		return 0, true
	case "one":
		return 1, true
	case "two":
		return 2, true
	case "three":
		return 3, true
	case "four":
		return 4, true
	case "five":
		return 5, true
	case "six":
		return 6, true
	case "seven":
		return 7, true
	case "eight":
		return 8, true
	case "nine":
		return 9, true
	case "ten", "keycap_ten":
		return 10, true
	}
	return 0, false
}

// maxQuotedWords is how many number words of a rating line a warning
// quotes.
const maxQuotedWords = 4

// parseRating reports whether line is a rating line (only emoji shortcodes,
// star characters and "xN" multipliers, with at least one :star: or number
// word) and returns the star count, clamped to 0..MaxStars, with warnings
// for a number word that disagrees with the count or a count out of range.
func parseRating(line string) (stars int, warnings []string, ok bool) {
	count := 0
	// The number words, as the warning quotes them: the first few, and
	// how many there are. digits are their values written one after the
	// other, as far as a count of stars can go (":one: :zero:" says 10).
	var words []string
	nWords := 0
	digits := ""
	seen := false
	lastStar := false
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == ':':
			j := strings.IndexByte(line[i+1:], ':')
			if j <= 0 || !isShortcode(line[i+1:i+1+j]) {
				return 0, nil, false
			}
			code := line[i+1 : i+1+j]
			i += j + 2
			lastStar = false
			if code == "star" {
				count++
				seen, lastStar = true, true
			} else if n, isNum := numberWord(code); isNum {
				seen = true
				if nWords++; nWords <= maxQuotedWords {
					words = append(words, code)
				}
				if len(digits) <= 3 {
					digits += strconv.Itoa(min(n, 10))
				}
			}
			continue
		case strings.HasPrefix(line[i:], "⭐"), strings.HasPrefix(line[i:], "★"):
			_, size := utf8.DecodeRuneInString(line[i:])
			i += size
			count++
			seen, lastStar = true, true
			continue
		case (c == 'x' || c == 'X' || strings.HasPrefix(line[i:], "×")) && lastStar:
			_, size := utf8.DecodeRuneInString(line[i:])
			j := i + size
			k := j
			for k < len(line) && line[k] >= '0' && line[k] <= '9' {
				k++
			}
			if k == j {
				return 0, nil, false
			}
			n, _ := strconv.Atoi(line[j:min(k, j+6)])
			count += n - 1
			i = k
			lastStar = false
			continue
		}
		return 0, nil, false
	}
	if !seen {
		return 0, nil, false
	}
	if nWords > 0 {
		said := -1
		if len(digits) <= 3 {
			said, _ = strconv.Atoi(digits)
		}
		if said != count {
			word := ":" + strings.Join(words, "::") + ":"
			if nWords > len(words) {
				word += fmt.Sprintf("… (%d number words)", nWords)
			}
			warnings = append(warnings, fmt.Sprintf("rating line says %s but has %d :star:; using %d", word, count, count))
		}
	}
	if count > MaxStars {
		warnings = append(warnings, fmt.Sprintf("rating of %d stars is more than %d; using %d", count, MaxStars, MaxStars))
		count = MaxStars
	}
	if count < 0 {
		count = 0
	}
	return count, warnings, true
}

func isShortcode(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '+' || c == '-') {
			return false
		}
	}
	return s != ""
}

// ---- images ----

// isImageLine reports whether line (trimmed) holds only images.
func isImageLine(line string) bool {
	for line != "" {
		if !strings.HasPrefix(line, "![") {
			return false
		}
		q := strings.Index(line, "](")
		if q < 0 {
			return false
		}
		r := strings.IndexByte(line[q:], ')')
		if r < 0 {
			return false
		}
		line = strings.TrimSpace(line[q+r+1:])
	}
	return true
}

// normaliseImages rewrites HackMD image size suffixes ("![](url =512x)")
// to standard markdown ("![](url)") and appends the images of line to
// images when it is not nil. It runs in time linear in len(line).
func normaliseImages(line string, images *[]Image) string {
	if !strings.Contains(line, "![") {
		return line
	}
	var b strings.Builder
	done := 0 // line[:done] has been written to b (when b is in use)
	pos := 0
	for {
		q := strings.Index(line[pos:], "](")
		if q < 0 {
			break
		}
		q += pos
		s := strings.LastIndex(line[pos:q], "![")
		if s < 0 {
			pos = q + 2
			continue
		}
		s += pos
		r := strings.IndexByte(line[q+2:], ')')
		if r < 0 {
			break
		}
		r += q + 2
		inner := line[q+2 : r]
		dest := inner
		if i := strings.LastIndexAny(inner, " \t"); i >= 0 && isSizeSuffix(inner[i+1:]) {
			dest = strings.TrimRight(inner[:i], " \t")
			if b.Len() == 0 && done == 0 {
				b.Grow(len(line))
			}
			b.WriteString(line[done : q+2])
			b.WriteString(dest)
			done = r
		}
		if images != nil {
			u := dest
			if f := strings.Fields(u); len(f) > 0 {
				u = f[0]
			}
			u = strings.Trim(u, "<>")
			*images = append(*images, Image{Alt: cleanInline(line[s+2 : q]), URL: cleanInline(u)})
		}
		pos = r + 1
	}
	if done == 0 {
		return line
	}
	b.WriteString(line[done:])
	return b.String()
}

// isSizeSuffix reports whether s is a HackMD size suffix: "=512x",
// "=512x300", "=x300".
func isSizeSuffix(s string) bool {
	if len(s) < 2 || s[0] != '=' {
		return false
	}
	x := strings.IndexByte(s, 'x')
	if x < 0 || x == 1 && len(s) == 2 {
		return false
	}
	return isDigitsOrEmpty(s[1:x]) && isDigitsOrEmpty(s[x+1:])
}

func isDigitsOrEmpty(s string) bool { return s == "" || isDigits(s) }

// ---- cleaning ----

// sanitize turns the raw file into text that cannot drive a terminal: see
// ParseNamed for the rules. Clean text is returned as it is, not copied.
func sanitize(b string) string {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	i := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if isBadASCII(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && size == 1 || isC1(r) || isBidiControl(r) {
			break
		}
		i += size
	}
	if i == len(b) {
		return b
	}
	var out strings.Builder
	out.Grow(len(b))
	out.WriteString(b[:i])
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && i+1 < len(b) && b[i+1] == '\n': // the '\n' ends the line
			case c == '\r':
				out.WriteByte('\n')
			case !isBadASCII(c):
				out.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out.WriteRune(utf8.RuneError)
		case isC1(r), isBidiControl(r):
		default:
			out.WriteString(b[i : i+size])
		}
		i += size
	}
	return out.String()
}

// isBadASCII reports whether c is a C0 control other than tab and newline,
// or DEL. "\r" is one: sanitize makes it a line end.
func isBadASCII(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f
}

func isC1(r rune) bool { return 0x80 <= r && r <= 0x9f }

// isBidiControl reports the explicit embedding, override and isolate
// characters, which reorder the text that follows them.
func isBidiControl(r rune) bool {
	return 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069
}

// isInvisible reports characters removed from one-line fields: zero-width
// characters and bidi marks.
func isInvisible(r rune) bool {
	switch r {
	case 0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
		0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF:
		return true
	}
	return isBidiControl(r)
}

// cleanInline prepares a one-line field: invisible characters removed,
// white space (tabs, line separators, no-break spaces) collapsed to single
// spaces, trimmed. A field that needs no more than trimming is a piece of
// s, not a copy ("Ann" of "Ann - https://..."; copies were 16 MB for
// 1,000,000 talks).
func cleanInline(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if isInvisible(r) || sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isInvisible(r):
		case unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
