package ui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
)

// Glamour style names ResolveStyle returns when nothing asks for another one.
const (
	StyleDark  = styles.DarkStyle
	StyleLight = styles.LightStyle
	StyleNoTTY = styles.NoTTYStyle
)

// StyleNames are glamour's built-in styles, for help text and completion.
var StyleNames = []string{
	styles.DarkStyle, styles.LightStyle, styles.NoTTYStyle, styles.AsciiStyle,
	styles.DraculaStyle, styles.TokyoNightStyle, styles.PinkStyle,
}

// ResolveStyle picks the glamour style to render with, like glow does:
//
//  1. flag, the --style the user typed, unless empty or "auto";
//  2. the GLAMOUR_STYLE variable of env;
//  3. "notty" when the output is not a terminal;
//  4. StyleNoColor when NO_COLOR is set: no colour, but bold, italic,
//     underline and marked code spans, so the screen stays usable;
//  5. "dark" or "light" after the terminal's background.
//
// The result is a glamour standard style name or a path to a JSON style file.
// NO_COLOR does not override an explicit style: it removes colour where the
// output is written (the colour profile of the CLI's writer or of Bubble
// Tea's renderer), so a chosen style keeps its layout and
// bold/italic/underline but loses its colours.
func ResolveStyle(flag string, env Env, isTTY, darkBackground bool) string {
	if flag != "" && flag != "auto" {
		return flag
	}
	if s := env.Getenv("GLAMOUR_STYLE"); s != "" && s != "auto" {
		return s
	}
	if !isTTY {
		return StyleNoTTY
	}
	if env.noColor() {
		return StyleNoColor
	}
	if darkBackground {
		return StyleDark
	}
	return StyleLight
}

// Renderer renders talks and markdown with glamour. It keeps the latest
// renderings, so that rendering a talk again (the CLI, or the browser's
// first page, which Browse starts before Bubble Tea runs) costs a look-up,
// and idle glamour renderers for the latest widths and styles. Both are
// bounded. A Renderer is safe for concurrent use. Glamour's renderers are
// not: each render takes one for itself, so renders run side by side, and
// a render of what another goroutine is rendering waits for its result.
type Renderer struct {
	mu      sync.Mutex
	outputs lru[outputKey, string]
	pending map[outputKey]*pendingRender
	idle    lru[rendererKey, []*glamour.TermRenderer]

	// pages are the browser's pages made of its renderings of talks, for
	// every browser it renders for: a page is made once, not once a
	// browser, and a browser that selects a talk another has read shows
	// its page at once. As many are kept as renderings, the first made
	// going first.
	pages lru[renderKey, *page]
}

// Bounds of a Renderer's caches.
const (
	keptOutputs  = 32 // renderings
	keptWidths   = 4  // (width, style) pairs with idle renderers
	idlePerWidth = 2  // idle renderers of one pair: the browser renders two neighbours at once
)

type rendererKey struct {
	width int
	style string
}

type outputKey struct {
	rendererKey
	talk *notes.Talk // nil for Markdown
	kind byte        // 't' whole talk, 'b' body, 'm' markdown
	md   string      // the markdown, for Markdown
}

// pendingRender is a render under way; done is closed when out and err are set.
type pendingRender struct {
	done chan struct{}
	out  string
	err  error
}

// Bounds of a shared Renderer's caches: the talks at the widths the
// readers of a busy server have, a few MiB of text.
const (
	sharedOutputs = 512
	sharedWidths  = 16
)

// NewRenderer returns an empty Renderer.
func NewRenderer() *Renderer { return newRenderer(keptOutputs, keptWidths) }

// NewSharedRenderer returns an empty Renderer for many browsers at once
// (Options.Renderer): it keeps more renderings, and idle renderers for
// more widths, than NewRenderer's.
func NewSharedRenderer() *Renderer { return newRenderer(sharedOutputs, sharedWidths) }

func newRenderer(outputs, widths int) *Renderer {
	return &Renderer{
		outputs: newLRU[outputKey, string](outputs),
		pending: make(map[outputKey]*pendingRender),
		idle:    newLRU[rendererKey, []*glamour.TermRenderer](widths),
		pages:   newLRU[renderKey, *page](outputs),
	}
}

// keptPage returns the page of talk rendering k, if one is kept. Pages
// are never changed once made, as browsers share them; only their
// searchable text is made later, once, under its own sync.Once
// (pageText).
func (r *Renderer) keptPage(k renderKey) (*page, bool) {
	if k.about {
		return nil, false // the about page is the document's: not kept here
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pages.get(k) // not touched: a look-up on every move stays a scan, not a copy
}

// keepPage keeps p, the page of talk rendering k, and returns the page
// kept for k: p, or the one another browser made first.
func (r *Renderer) keepPage(k renderKey, p *page) *page {
	if k.about || p.err != nil {
		return p
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if kept, ok := r.pages.get(k); ok {
		return kept
	}
	r.pages.put(k, p)
	return p
}

// Talk renders the whole talk: its title, the speaker line, the rating as
// stars with the number ("★★★★★★☆☆☆☆ 6/10") and the notes, from
// Talk.DisplayMarkdown. This is what `show --format ansi` prints.
func (r *Renderer) Talk(t *notes.Talk, width int, style string) (string, error) {
	return r.render(outputKey{rendererKey: rendererKey{width, style}, talk: t, kind: 't'},
		t.DisplayMarkdown)
}

// Body renders only the talk's notes, for a view that draws its own
// header: the browser's notes pane. Each link is followed by its number in
// the links view ("[3]", Talk.NumberedBody).
func (r *Renderer) Body(t *notes.Talk, width int, style string) (string, error) {
	return r.render(outputKey{rendererKey: rendererKey{width, style}, talk: t, kind: 'b'},
		t.NumberedBody)
}

// Markdown renders any markdown, such as the about page.
func (r *Renderer) Markdown(md string, width int, style string) (string, error) {
	return r.render(outputKey{rendererKey: rendererKey{width, style}, kind: 'm', md: md},
		func() string { return md })
}

func (r *Renderer) render(k outputKey, markdown func() string) (string, error) {
	if k.width < 1 {
		k.width = 1
	}
	r.mu.Lock()
	if out, ok := r.outputs.get(k); ok {
		r.outputs.touch(k)
		r.mu.Unlock()
		return out, nil
	}
	if p, ok := r.pending[k]; ok {
		r.mu.Unlock()
		<-p.done
		return p.out, p.err
	}
	p := &pendingRender{done: make(chan struct{})}
	r.pending[k] = p
	r.mu.Unlock()

	ok := false
	defer func() {
		// Also when renderNew panics: a render of the same key waiting
		// on p must not wait for ever (it gets an error), and the next
		// one tries again.
		if !ok {
			p.err = fmt.Errorf("ui: render: panicked")
		}
		r.mu.Lock()
		delete(r.pending, k)
		if p.err == nil {
			r.outputs.put(k, p.out)
		}
		r.mu.Unlock()
		close(p.done)
	}()
	p.out, p.err = r.renderNew(k, markdown)
	ok = true
	return p.out, p.err
}

// renderNew renders k with a glamour renderer of its own.
func (r *Renderer) renderNew(k outputKey, markdown func() string) (string, error) {
	tr, err := r.take(k.rendererKey)
	if err != nil {
		return "", err
	}
	head, rest := splitForGlamour(notes.SafeMarkdown(markdown()))
	out, err := tr.Render(head)
	r.give(k.rendererKey, tr)
	if err != nil {
		return "", fmt.Errorf("ui: render: %w", err)
	}
	out = trimLines(sanitize(out, k.style))
	if rest != "" {
		out += sanitize(plainRest(rest, k.width), k.style)
	}
	return out, nil
}

// take returns an idle glamour renderer for k, or a new one.
func (r *Renderer) take(k rendererKey) (*glamour.TermRenderer, error) {
	r.mu.Lock()
	if trs, _ := r.idle.get(k); len(trs) > 0 {
		r.idle.put(k, trs[:len(trs)-1:len(trs)-1])
		r.mu.Unlock()
		return trs[len(trs)-1], nil
	}
	r.mu.Unlock()
	var styleOpt glamour.TermRendererOption
	if _, ok := styles.DefaultStyles[k.style]; ok {
		styleOpt = glamour.WithStandardStyle(k.style)
	} else if k.style == StyleNoColor {
		styleOpt = glamour.WithStyles(NoColorStyle())
	} else {
		cfg, err := LoadStyle(k.style) // a JSON style file, within bounds
		if err != nil {
			return nil, fmt.Errorf("ui: style %q: %w (styles: %s, or a JSON style file)",
				k.style, err, strings.Join(StyleNames, ", "))
		}
		styleOpt = glamour.WithStyles(cfg)
	}
	tr, err := glamour.NewTermRenderer(styleOpt, glamour.WithWordWrap(k.width), glamour.WithEmoji(),
		glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("ui: style %q: %w (styles: %s, or a JSON style file)",
			k.style, err, strings.Join(StyleNames, ", "))
	}
	return tr, nil
}

// give keeps tr, done with, for the next render of k, unless enough are
// kept.
func (r *Renderer) give(k rendererKey, tr *glamour.TermRenderer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	trs, _ := r.idle.get(k)
	if len(trs) >= idlePerWidth {
		return
	}
	r.idle.put(k, append(trs[:len(trs):len(trs)], tr))
}

// Stars draws a rating as filled and empty stars with the number:
// "★★★★★★☆☆☆☆ 6/10" (see notes.Stars).
func Stars(n int) string { return notes.Stars(n) }

// sanitize lets through only what our styling emits: SGR sequences, and
// OSC 8 hyperlinks to http, https and mailto targets (a notes file must not
// make "javascript:" or "file:" links clickable). Any other escape sequence,
// every other control character and bidi controls are removed, whatever
// their origin, and
// invalid UTF-8 becomes U+FFFD. With the notty style, whose output is meant
// to be plain text, no escape sequence is left at all.
func sanitize(s, style string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if style == StyleNoTTY {
		s = ansi.Strip(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\x1b':
			n, keep := escapeSequence(s[i:])
			if keep {
				b.WriteString(asciiLink(s[i : i+n]))
			}
			i += n
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f: // C1
			i += 2
		case c == 0xe2 && isBidiControl(s[i:]):
			i += 3
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// asciiLink percent-encodes the non-ASCII bytes of an OSC 8 sequence's
// target: the sequence allows only printable ASCII.
func asciiLink(seq string) string {
	if !strings.HasPrefix(seq, "\x1b]8;") || isASCII(seq) {
		return seq
	}
	var b strings.Builder
	for i := 0; i < len(seq); i++ {
		if c := seq[i]; c >= 0x80 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(seq[i])
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isBidiControl reports whether s starts with an explicit bidi embedding,
// override or isolate (U+202A-U+202E, U+2066-U+2069), which would reorder
// the text after it.
func isBidiControl(s string) bool {
	return len(s) >= 3 && s[0] == 0xe2 &&
		(s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae || s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
}

// escapeSequence measures the escape sequence s starts with (s[0] is ESC)
// and says whether it may be kept.
func escapeSequence(s string) (n int, keep bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters, intermediates, a final byte
		j := 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		k := j
		for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
			k++
		}
		if k >= len(s) || s[k] < 0x40 || s[k] > 0x7e {
			return k, false
		}
		params := s[2:j]
		return k + 1, s[k] == 'm' && k == j && strings.Trim(params, "0123456789;:") == ""
	case ']': // OSC, ended by BEL or ST
		end, termLen := oscEnd(s[2:])
		if end < 0 {
			return 2, false
		}
		body := s[2 : 2+end]
		n := 2 + end + termLen
		rest, ok := strings.CutPrefix(body, "8;")
		if !ok {
			return n, false
		}
		_, uri, ok := strings.Cut(rest, ";")
		return n, ok && (uri == "" || allowedLink(uri))
	}
	return 1, false
}

// oscEnd returns the index of an OSC string terminator (BEL or ST) in s and
// its length, or -1. Another control character ends the search: the
// sequence is malformed.
func oscEnd(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\a':
			return i, 1
		case s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\':
			return i, 2
		case s[i] < 0x20:
			return -1, 0
		}
	}
	return -1, 0
}

func allowedLink(uri string) bool {
	if strings.ContainsAny(uri, " \t\n") {
		return false
	}
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// trimLines removes what glamour pads every line with up to the wrap width:
// trailing spaces, each often wrapped in its own colour sequence. The text
// looks the same, is a fraction of the size, and copies and downsamples
// faster.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = trimLine(l)
	}
	return strings.Join(lines, "\n")
}

func trimLine(l string) string {
	end := len(l)
	lastSGR := -1 // end of the SGR sequence passed last (the nearest to end)
	styled := false
	for end > 0 {
		switch {
		case l[end-1] == ' ':
			end--
		case l[end-1] == 'm':
			i := sgrStart(l[:end])
			if i < 0 {
				return l[:end] + reset(styled)
			}
			if hasBackground(l[i+2 : end-1]) {
				// Spaces on a background are drawn (a heading's block):
				// keep them and the sequence that ends them.
				if lastSGR < 0 {
					return l
				}
				return l[:lastSGR]
			}
			lastSGR = end
			end = i
			styled = true
		default:
			return l[:end] + reset(styled)
		}
	}
	return ""
}

// hasBackground reports whether the SGR parameters params ("38;5;228;48;5;63")
// set a background colour.
func hasBackground(params string) bool {
	var ps [16]int // glamour writes a handful of parameters
	n := 0
	for f := range strings.SplitSeq(params, ";") {
		if n == len(ps) {
			break
		}
		v, _ := strconv.Atoi(f)
		ps[n] = v
		n++
	}
	for i := 0; i < n; i++ {
		switch p := ps[i]; {
		case p == 48 || p >= 40 && p <= 47 || p >= 100 && p <= 107:
			return true
		case p == 38 || p == 58: // extended colour: skip its arguments
			if i+1 < n && ps[i+1] == 5 {
				i += 2
			} else if i+1 < n && ps[i+1] == 2 {
				i += 4
			}
		}
	}
	return false
}

// sgrStart returns where the SGR sequence ("\x1b[...m") ending s starts, or
// -1 when s does not end with one.
func sgrStart(s string) int {
	for i := len(s) - 2; i >= 0; i-- {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		case c == '[' && i > 0 && s[i-1] == '\x1b':
			return i - 1
		default:
			return -1
		}
	}
	return -1
}

func reset(styled bool) string {
	if styled {
		return "\x1b[m"
	}
	return ""
}
