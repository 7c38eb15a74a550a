package ui_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

func solid() *notes.Talk {
	return &notes.Talk{
		Number:     1,
		Slug:       "keynote-solid-go-design",
		Title:      "Keynote: SOLID Go design",
		Speaker:    "Dave Cheney",
		SpeakerURL: "http://golanguk.com/speakers/#dave-cheney",
		Links:      []string{"https://dave.cheney.net/2016/08/20/solid-go-design"},
		Stars:      8,
		Body: "### The **SOLID** principles\nObjective: design good programs :smile:\n\n" +
			"- **S**ingle Responsability\n  - package names\n\n" +
			"See [the talk](https://www.youtube.com/watch?v=zzAdEt3xZ1M) and [evil](javascript:alert(1)).\n",
	}
}

func TestRendererTalk(t *testing.T) {
	r := ui.NewRenderer()
	for _, style := range []string{ui.StyleDark, ui.StyleLight, ui.StyleNoTTY, "dracula"} {
		t.Run(style, func(t *testing.T) {
			out, err := r.Talk(solid(), 80, style)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			for _, want := range []string{
				"Keynote: SOLID Go design", "Dave Cheney", "★★★★★★★★☆☆ 8/10",
				"http://golanguk.com/speakers/#dave-cheney",
				"https://dave.cheney.net/2016/08/20/solid-go-design",
				"SOLID", "principles", "ingle Responsability", "😄",
			} {
				if !strings.Contains(plain, want) {
					t.Errorf("output lacks %q:\n%s", want, plain)
				}
			}
			for _, bad := range []string{":eight:", ":star:", ":smile:", "8️⃣"} {
				if strings.Contains(plain, bad) {
					t.Errorf("output contains %q", bad)
				}
			}
			if style == ui.StyleNoTTY && strings.ContainsRune(out, '\x1b') {
				t.Errorf("notty output has an escape byte: %q", out)
			}
			if style != ui.StyleNoTTY && !strings.ContainsRune(out, '\x1b') {
				t.Errorf("%s output has no styling", style)
			}
			for i, line := range strings.Split(plain, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("line %d is %d wide, more than 80: %q", i, w, line)
				}
				if strings.HasSuffix(line, " ") && style == ui.StyleNoTTY {
					t.Errorf("line %d has trailing spaces: %q", i, line)
				}
			}
			// Padding is trimmed, but spaces drawn on a background (the
			// title's block) are kept.
			for i, line := range strings.Split(out, "\n") {
				if strings.HasSuffix(ansi.Strip(line), " ") && !strings.Contains(line, ";48;") {
					t.Errorf("line %d ends in padding: %q", i, line)
				}
			}
			if title := strings.Split(out, "\n")[1]; style == ui.StyleDark && !strings.HasSuffix(ansi.Strip(title), "design ") {
				t.Errorf("the title lost the space closing its block: %q", title)
			}
		})
	}
}

func TestRendererLinks(t *testing.T) {
	out, err := ui.NewRenderer().Talk(solid(), 100, ui.StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\x1b]8;") || !strings.Contains(out, ";https://www.youtube.com/watch?v=zzAdEt3xZ1M\a") {
		t.Errorf("no OSC 8 hyperlink for the https link: %q", out)
	}
	if strings.Contains(out, ";javascript:") {
		t.Errorf("a javascript: link is clickable: %q", out)
	}

	tk := solid()
	tk.SpeakerURL = "http://golanguk.com/speakers/#víctor-ruiz"
	out, _ = ui.NewRenderer().Talk(tk, 100, ui.StyleDark)
	if !strings.Contains(out, ";http://golanguk.com/speakers/#v%C3%ADctor-ruiz\a") ||
		!strings.Contains(ansi.Strip(out), "http://golanguk.com/speakers/#víctor-ruiz") {
		t.Errorf("a non-ASCII URL is not one percent-encoded link: %q", out)
	}
}

func TestRendererBody(t *testing.T) {
	r := ui.NewRenderer()
	out, err := r.Body(solid(), 60, ui.StyleNoTTY)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "Keynote: SOLID Go design") || strings.Contains(out, "★") {
		t.Errorf("body has the talk's header: %s", out)
	}
	if !strings.Contains(out, "ingle Responsability") {
		t.Errorf("body lacks the notes: %s", out)
	}
}

func TestRendererMarkdown(t *testing.T) {
	out, err := ui.NewRenderer().Markdown("## About us\n\n- Hernán Kleiman :bike:\n", 40, ui.StyleNoTTY)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"About us", "Hernán Kleiman", "🚲"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %q", want, out)
		}
	}
}

func TestRendererBadStyle(t *testing.T) {
	_, err := ui.NewRenderer().Talk(solid(), 80, "no-such-style")
	if err == nil || !strings.Contains(err.Error(), "no-such-style") {
		t.Errorf("err = %v, want one naming the style", err)
	}
}

func TestRendererCache(t *testing.T) {
	r := ui.NewRenderer()
	tk := solid()
	first, err := r.Talk(tk, 70, ui.StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	outs := make([]string, 16)
	for i := range outs {
		wg.Go(func() {
			width := 70
			if i%2 == 1 {
				width = 50 + i // other widths, rendered concurrently
			}
			out, err := r.Talk(tk, width, ui.StyleDark)
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		})
	}
	wg.Wait()
	for i := 0; i < len(outs); i += 2 {
		if outs[i] != first {
			t.Errorf("render %d differs from the first", i)
		}
	}
	narrow, _ := r.Talk(tk, 40, ui.StyleDark)
	if narrow == first {
		t.Error("a narrower width gave the same output")
	}
}

func TestStars(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "☆☆☆☆☆☆☆☆☆☆ 0/10"},
		{6, "★★★★★★☆☆☆☆ 6/10"},
		{10, "★★★★★★★★★★ 10/10"},
		{12, "★★★★★★★★★★ 10/10"},
		{-1, "☆☆☆☆☆☆☆☆☆☆ 0/10"},
	}
	for _, tt := range tests {
		if got := ui.Stars(tt.n); got != tt.want {
			t.Errorf("Stars(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestResolveStyle(t *testing.T) {
	tests := []struct {
		name          string
		flag, glamour string
		noColor       string
		tty, dark     bool
		want          string
	}{
		{name: "dark terminal", tty: true, dark: true, want: "dark"},
		{name: "light terminal", tty: true, want: "light"},
		{name: "piped", dark: true, want: "notty"},
		{name: "auto flag", flag: "auto", tty: true, dark: true, want: "dark"},
		{name: "NO_COLOR", noColor: "1", tty: true, dark: true, want: "nocolor"},
		{name: "NO_COLOR piped", noColor: "1", dark: true, want: "notty"},
		{name: "GLAMOUR_STYLE", glamour: "dracula", tty: true, want: "dracula"},
		{name: "GLAMOUR_STYLE piped", glamour: "light", want: "light"},
		{name: "flag beats GLAMOUR_STYLE", flag: "pink", glamour: "dracula", tty: true, want: "pink"},
		{name: "flag beats NO_COLOR", flag: "dark", noColor: "1", want: "dark"},
		{name: "json path", flag: "/tmp/style.json", want: "/tmp/style.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := ui.Env{"GLAMOUR_STYLE=" + tt.glamour, "NO_COLOR=" + tt.noColor}
			if got := ui.ResolveStyle(tt.flag, env, tt.tty, tt.dark); got != tt.want {
				t.Errorf("ResolveStyle(%q, %v, %v) = %q, want %q", tt.flag, tt.tty, tt.dark, got, tt.want)
			}
		})
	}
}

func TestRendererHostile(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	deep := strings.Repeat("> - ", 300) + "deep\n\n"
	for i := range 300 {
		deep += strings.Repeat("  ", i) + "- level\n"
	}
	tests := []struct {
		name, md string
	}{
		{"entities", "Clear &#27;[2J&#x1b;]0;title&#7; &#x9b;2J &#155;H [x](https://e.com/&#27;[2J)"},
		{"raw controls", "raw \x1b[2J \x1b]52;c;aGk=\a \u009b2J bad \xff bidi \u202eevil\u2069 &#x202e;"},
		{"links", "[js](javascript:alert(1)) [file](file:///etc/passwd) [rel](/etc/passwd) [ok](https://go.dev/) <mailto:a@b.c>"},
		{"deep nesting", deep},
	}
	for _, tt := range tests {
		for _, style := range []string{ui.StyleDark, ui.StyleNoTTY} {
			t.Run(tt.name+"/"+style, func(t *testing.T) {
				out, err := ui.NewRenderer().Markdown(tt.md, 80, style)
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < len(out); i++ {
					c := out[i]
					if c == '\x1b' {
						n := sgrOrLink(out[i:])
						if n == 0 || style == ui.StyleNoTTY {
							t.Fatalf("escape sequence at %d: %q", i, out[i:min(len(out), i+30)])
						}
						i += n - 1
						continue
					}
					if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
						t.Fatalf("control %#x at %d: %q", c, i, out[max(0, i-10):min(len(out), i+10)])
					}
				}
				if strings.ContainsAny(out, "\u009b\u202e\u2069") {
					t.Error("C1 CSI or bidi control in output")
				}
			})
		}
	}
}

// sgrOrLink returns the length of the SGR or http(s)/mailto OSC 8 sequence
// s starts with, or 0.
func sgrOrLink(s string) int {
	if strings.HasPrefix(s, "\x1b[") {
		for i := 2; i < len(s); i++ {
			switch c := s[i]; {
			case c == 'm':
				return i + 1
			case c >= '0' && c <= '9' || c == ';' || c == ':':
			default:
				return 0
			}
		}
		return 0
	}
	if strings.HasPrefix(s, "\x1b]8;") {
		end := strings.IndexByte(s, '\a')
		if end < 0 {
			return 0
		}
		body := s[4:end]
		_, uri, _ := strings.Cut(body, ";")
		if uri == "" || strings.HasPrefix(uri, "https://") || strings.HasPrefix(uri, "http://") || strings.HasPrefix(uri, "mailto:") {
			return end + 1
		}
	}
	return 0
}

// BenchmarkRenderTalk renders one talk cold (a new renderer each time, as
// `show N --format ansi` does) at width 80.
func BenchmarkRenderTalk(b *testing.B) {
	tk := embeddedHits(b)[0].Talk
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ui.NewRenderer().Talk(tk, 80, ui.StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderTalkCached renders a talk already in the cache.
func BenchmarkRenderTalkCached(b *testing.B) {
	tk := embeddedHits(b)[0].Talk
	r := ui.NewRenderer()
	_, _ = r.Talk(tk, 80, ui.StyleDark)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Talk(tk, 80, ui.StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}
