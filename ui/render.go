package ui

import (
	"fmt"
	"net/url"
	"os"
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
//  2. the GLAMOUR_STYLE environment variable;
//  3. "notty" when the output is not a terminal or NO_COLOR is set;
//  4. "dark" or "light" after the terminal's background.
//
// The result is a glamour standard style name or a path to a JSON style file.
// NO_COLOR does not override an explicit style: it removes colour where the
// output is written (see ColorWriter), so a chosen style keeps its layout
// and bold/italic/underline but loses its colours.
func ResolveStyle(flag string, isTTY, darkBackground bool) string {
	if flag != "" && flag != "auto" {
		return flag
	}
	if s := os.Getenv("GLAMOUR_STYLE"); s != "" && s != "auto" {
		return s
	}
	if !isTTY || os.Getenv("NO_COLOR") != "" {
		return StyleNoTTY
	}
	if darkBackground {
		return StyleDark
	}
	return StyleLight
}

// Renderer renders talks and markdown with glamour. It keeps one glamour
// renderer per (width, style) and every rendered output, so rendering a talk
// again (the browser going back to it, a repeated resize) costs a map
// look-up. A Renderer is safe for concurrent use; glamour's renderers are
// not, so each is used under the lock.
type Renderer struct {
	mu        sync.Mutex
	renderers map[rendererKey]*glamour.TermRenderer
	outputs   map[outputKey]string
}

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

// NewRenderer returns an empty Renderer.
func NewRenderer() *Renderer {
	return &Renderer{
		renderers: make(map[rendererKey]*glamour.TermRenderer),
		outputs:   make(map[outputKey]string),
	}
}

// Talk renders the whole talk: its title, the speaker line, the rating as
// stars with the number ("★★★★★★☆☆☆☆ 6/10") and the notes, from
// Talk.DisplayMarkdown. This is what `show --format ansi` prints.
func (r *Renderer) Talk(t *notes.Talk, width int, style string) (string, error) {
	return r.render(outputKey{rendererKey: rendererKey{width, style}, talk: t, kind: 't'},
		t.DisplayMarkdown)
}

// Body renders only the talk's notes, for a view that draws its own header.
func (r *Renderer) Body(t *notes.Talk, width int, style string) (string, error) {
	return r.render(outputKey{rendererKey: rendererKey{width, style}, talk: t, kind: 'b'},
		func() string { return t.Body })
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
	defer r.mu.Unlock()
	if out, ok := r.outputs[k]; ok {
		return out, nil
	}
	tr, err := r.termRenderer(k.rendererKey)
	if err != nil {
		return "", err
	}
	out, err := tr.Render(markdown())
	if err != nil {
		return "", fmt.Errorf("ui: render: %w", err)
	}
	out = trimLines(safeLinks(out, k.style))
	r.outputs[k] = out
	return out, nil
}

// termRenderer returns the cached glamour renderer for k. r.mu is held.
func (r *Renderer) termRenderer(k rendererKey) (*glamour.TermRenderer, error) {
	if tr, ok := r.renderers[k]; ok {
		return tr, nil
	}
	styleOpt := glamour.WithStylePath(k.style) // a standard name or a JSON file
	if _, ok := styles.DefaultStyles[k.style]; ok {
		styleOpt = glamour.WithStandardStyle(k.style)
	}
	tr, err := glamour.NewTermRenderer(styleOpt, glamour.WithWordWrap(k.width), glamour.WithEmoji(),
		glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("ui: style %q: %w (styles: %s, or a JSON style file)",
			k.style, err, strings.Join(StyleNames, ", "))
	}
	r.renderers[k] = tr
	return tr, nil
}

// Stars draws a rating as filled and empty stars with the number:
// "★★★★★★☆☆☆☆ 6/10" (see notes.Stars).
func Stars(n int) string { return notes.Stars(n) }

// safeLinks keeps terminal hyperlinks (OSC 8) only for http, https and
// mailto targets: a notes file must not make "javascript:" or "file:" links
// clickable. With the notty style, whose output is meant to be plain text,
// every escape sequence is removed.
func safeLinks(s, style string) string {
	if style == StyleNoTTY {
		return ansi.Strip(s)
	}
	const open = "\x1b]8;"
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		rest := s[i+len(open):]
		end, termLen := oscEnd(rest)
		if end < 0 { // unterminated: drop the remainder of the sequence
			s = ""
			break
		}
		seq := rest[:end]
		s = rest[end+termLen:]
		_, uri, _ := strings.Cut(seq, ";")
		if uri == "" || allowedLink(uri) {
			b.WriteString(open + seq + "\x07")
		}
	}
	b.WriteString(s)
	return b.String()
}

// oscEnd returns the index of an OSC string terminator (BEL or ST) in s and
// its length, or -1.
func oscEnd(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\a':
			return i, 1
		case s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\':
			return i, 2
		}
	}
	return -1, 0
}

func allowedLink(uri string) bool {
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
	ps := strings.Split(params, ";")
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 48 || n >= 40 && n <= 47 || n >= 100 && n <= 107:
			return true
		case n == 38 || n == 58: // extended colour: skip its arguments
			if i+1 < len(ps) && ps[i+1] == "5" {
				i += 2
			} else if i+1 < len(ps) && ps[i+1] == "2" {
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
