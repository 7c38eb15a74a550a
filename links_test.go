package main

// Links: OSC 8 hyperlinks in `show --format ansi` and in the browser,
// numbered footnotes in `show --format plain`.

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// osc8 matches an OSC 8 hyperlink opening: ESC ] 8 ; params ; URI, ended
// by BEL or ST.
var osc8 = regexp.MustCompile("\x1b]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// linkTargets returns the URIs of the hyperlinks in s.
func linkTargets(s string) []string {
	var out []string
	for _, m := range osc8.FindAllStringSubmatch(s, -1) {
		u := m[1]
		// A URI with non-ASCII characters is percent-encoded in OSC 8
		// (which allows only printable ASCII): compare the text.
		if d, err := url.PathUnescape(u); err == nil {
			u = d
		}
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

var (
	// [text](url) and ![alt](url), url up to a space (a HackMD size
	// suffix follows one) or the closing parenthesis.
	markdownLink = regexp.MustCompile(`(!?)\[([^\]]*)\]\((https?://[^\s)]+)[^)]*\)`)
	// A bare URL in the text.
	bareURL = regexp.MustCompile(`(?:^|[\s(])(https?://[^\s<>()\x60]+)`)
)

// talkURLs returns every http(s) URL a talk names: speaker, further links,
// links, images and bare URLs in the notes.
func talkURLs(tk *notes.Talk) []string {
	var urls []string
	add := func(u string) {
		u = strings.TrimRight(u, ".,;:!?*_")
		if strings.HasPrefix(u, "http") && !slices.Contains(urls, u) {
			urls = append(urls, u)
		}
	}
	// The header photo (an image not in the notes) is shown as its link.
	for _, im := range tk.Images {
		if !strings.Contains(tk.Body, im.URL) {
			add(im.URL)
		}
	}
	add(tk.SpeakerURL)
	for _, l := range tk.Links {
		add(l)
	}
	body := tk.Body
	for _, m := range markdownLink.FindAllStringSubmatch(body, -1) {
		add(m[3])
	}
	body = markdownLink.ReplaceAllString(body, "")
	body = stripCode(body)
	for _, m := range bareURL.FindAllStringSubmatch(body, -1) {
		add(m[1])
	}
	return urls
}

// stripCode removes fenced code blocks and code spans, in which URLs are
// text, not links.
func stripCode(md string) string {
	var b strings.Builder
	fenced := false
	for _, l := range strings.Split(md, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced {
			b.WriteString(regexp.MustCompile("`[^`]*`").ReplaceAllString(l, "") + "\n")
		}
	}
	return b.String()
}

// TestShowANSILinks checks every URL of every talk is a hyperlink in
// `show --format ansi`, and that nothing else is.
func TestShowANSILinks(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	total := 0
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			r := cli(t, []string{"show", strconv.Itoa(tk.Number), "--format", "ansi", "--width", "100"})
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			got := linkTargets(r.stdout)
			want := talkURLs(tk)
			total += len(want)
			for _, u := range want {
				if !slices.Contains(got, u) {
					t.Errorf("%s is no hyperlink; the hyperlinks are %q", u, got)
				}
			}
			for _, u := range got {
				if !slices.Contains(want, u) {
					t.Errorf("hyperlink to %s, which the talk does not name", u)
				}
			}
		})
	}
	if total < 40 {
		t.Errorf("found only %d URLs in the talks: the test reads too little", total)
	}
}

// TestShowANSISpeakerLink checks the speaker's link sits under the
// speaker line, as text a terminal without OSC 8 still shows.
func TestShowANSISpeakerLink(t *testing.T) {
	cleanEnv(t)
	tk := embedded(t).Talks[0]
	r := cli(t, []string{"show", "1", "--format", "ansi"})
	m := osc8.FindStringSubmatchIndex(r.stdout)
	if m == nil {
		t.Fatal("no hyperlink")
	}
	if u := r.stdout[m[2]:m[3]]; u != tk.SpeakerURL {
		t.Errorf("the first hyperlink is %s, want the speaker's %s", u, tk.SpeakerURL)
	}
	rest := r.stdout[m[1]:]
	end := strings.Index(rest, "\x1b]8;;")
	if end < 0 || ansiStrip(rest[:end]) != tk.SpeakerURL {
		t.Errorf("the speaker link's text is %q, want the URL itself", rest[:max(end, 0)])
	}
}

func ansiStrip(s string) string {
	return regexp.MustCompile("\x1b\\[[0-9;:]*m").ReplaceAllString(s, "")
}

// TestShowPlainFootnotes checks `show --format plain` turns links into
// numbered footnotes and keeps bare URLs readable, with no escapes.
func TestShowPlainFootnotes(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	withLinks := 0
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			r := cli(t, []string{"show", strconv.Itoa(tk.Number), "--format", "plain"})
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			out := r.stdout
			if strings.ContainsRune(out, '\x1b') {
				t.Fatalf("plain output has escape sequences")
			}
			if tk.SpeakerURL != "" && !strings.Contains(out, tk.SpeakerURL) {
				t.Errorf("plain output lacks the speaker's URL %s", tk.SpeakerURL)
			}
			for _, m := range markdownLink.FindAllStringSubmatch(stripCode(tk.Body), -1) {
				image, text, url := m[1] == "!", m[2], m[3]
				n := footnote(out, url)
				if n == 0 {
					t.Errorf("no footnote for %s", url)
					continue
				}
				withLinks++
				if !image && text != "" && !strings.Contains(strings.Join(strings.Fields(out), " "), text+" ["+strconv.Itoa(n)+"]") {
					t.Errorf("the text %q is not followed by its footnote number [%d]", text, n)
				}
			}
			for _, u := range talkURLs(tk) {
				if !strings.Contains(out, u) {
					t.Errorf("plain output lacks %s", u)
				}
			}
		})
	}
	if withLinks == 0 {
		t.Error("no talk has a markdown link: the test checks no footnote")
	}
}

// footnote returns the number n of the "[n] url" footnote line of out, or
// 0.
func footnote(out, url string) int {
	m := regexp.MustCompile(`(?m)^\[(\d+)\] ` + regexp.QuoteMeta(url) + `$`).FindStringSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestShowPlainFootnotesNumbered checks footnotes are numbered from 1 in
// the order the links appear, one per distinct URL.
func TestShowPlainFootnotesNumbered(t *testing.T) {
	cleanEnv(t)
	src := "# N\n\n## A talk\n> Ana - https://example.com/ana\n\n:two: :star: :star:\n\n" +
		"See [the spec](https://go.dev/ref/spec) and [the blog](https://go.dev/blog),\n" +
		"then [the spec again](https://go.dev/ref/spec).\n"
	f := writeTemp(t, "n.md", src)
	r := cli(t, []string{"--notes", f, "show", "1", "--format", "plain"})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	flat := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{"the spec [1]", "the blog [2]", "the spec again [1]"} {
		if !strings.Contains(flat, want) {
			t.Errorf("plain output lacks %q:\n%s", want, r.stdout)
		}
	}
	if footnote(r.stdout, "https://go.dev/ref/spec") != 1 || footnote(r.stdout, "https://go.dev/blog") != 2 {
		t.Errorf("footnotes misnumbered:\n%s", r.stdout)
	}
	if strings.Count(r.stdout, "https://go.dev/ref/spec") != 1 {
		t.Errorf("a URL linked twice has two footnotes:\n%s", r.stdout)
	}
}

// TestBrowserLinks checks the browser shows the speaker's link and the
// links in the notes as hyperlinks.
func TestBrowserLinks(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	tk := embedded(t).Talks[0]
	rt := startRawTerm(t, nil)
	rt.waitFor(t, "of 21 talks", tk.Title, "Objective: design good programs")
	// The detail pane shows the top of the first talk; page down to the
	// link in its notes.
	rt.waitFor(t, tk.Speaker)
	out := rt.output()
	got := linkTargets(out)
	if !slices.Contains(got, tk.SpeakerURL) {
		t.Errorf("the browser shows no hyperlink to the speaker's %s; its hyperlinks: %q", tk.SpeakerURL, got)
	}
	if _, err := rt.ptmx.Write([]byte("\tG")); err != nil { // focus the notes, go to the bottom
		t.Fatal(err)
	}
	rt.waitFor(t, "Focus on reuse")
	const inNotes = "https://github.com/mvdan/interfacer"
	if !strings.Contains(tk.Body, inNotes) {
		t.Fatalf("talk 1 no longer links %s", inNotes)
	}
	rt.waitFor(t, inNotes)
	if got := linkTargets(rt.output()); !slices.Contains(got, inNotes) {
		t.Errorf("the browser shows %s in the notes but as no hyperlink; its hyperlinks: %q", inNotes, got)
	}
	rt.quit(t)
}

// writeTemp writes a file in the test's temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
