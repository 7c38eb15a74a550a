package notes_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

func embedded(t testing.TB) *notes.Document {
	t.Helper()
	d, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func allHits(d *notes.Document) []notes.Hit {
	hits := make([]notes.Hit, len(d.Talks))
	for i, t := range d.Talks {
		hits[i] = notes.Hit{Talk: t}
	}
	return hits
}

func TestStars(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "☆☆☆☆☆☆☆☆☆☆ 0/10"},
		{2, "★★☆☆☆☆☆☆☆☆ 2/10"},
		{9, "★★★★★★★★★☆ 9/10"},
		{10, "★★★★★★★★★★ 10/10"},
		{11, "★★★★★★★★★★ 10/10"},
		{-3, "☆☆☆☆☆☆☆☆☆☆ 0/10"},
	}
	for _, tt := range tests {
		if got := notes.Stars(tt.n); got != tt.want {
			t.Errorf("Stars(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestDisplayMarkdown(t *testing.T) {
	tk := &notes.Talk{
		Title: "Keynote: Go and the Go team", Speaker: "Andrew Gerrand", Affiliation: "Go team",
		SpeakerURL: "http://golanguk.com/speakers/#andrew", Links: []string{"https://talks.golang.org/2016/x.slide"},
		Stars: 7, Body: "### Notes\n- one",
	}
	want := "# Keynote: Go and the Go team\n\n" +
		"**Andrew Gerrand** · Go team\n<http://golanguk.com/speakers/#andrew>\n<https://talks.golang.org/2016/x.slide>\n\n" +
		"★★★★★★★☆☆☆ 7/10\n\n### Notes\n- one\n"
	if got := tk.DisplayMarkdown(); got != want {
		t.Errorf("DisplayMarkdown() =\n%q\nwant\n%q", got, want)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"heading 1", "# Title\ntext", "Title\n═════\n\ntext\n"},
		{"heading 2 and 3", "## About\n### Sub", "About\n─────\n\nSub\n"},
		{"emphasis and code", "a **bold** _it_ `code` ~~gone~~", "a bold it code gone\n"},
		{"soft breaks kept", "one\ntwo", "one\ntwo\n"},
		{"bare url stays", "see http://go.dev/ now", "see http://go.dev/ now\n"},
		{"link footnote", "[Go](https://go.dev/) and [Go again](https://go.dev/) and [pkg](https://pkg.go.dev/)",
			"Go [1] and Go again [1] and pkg [2]\n\nLinks:\n[1] https://go.dev/\n[2] https://pkg.go.dev/\n"},
		{"link with url text", "[https://go.dev/](https://go.dev/)", "https://go.dev/\n"},
		{"image", "![](http://i.imgur.com/a.jpg)\n\n![a gopher](g.png)",
			"Image [1]\n\nImage: a gopher [2]\n\nLinks:\n[1] http://i.imgur.com/a.jpg\n[2] g.png\n"},
		{"emoji", "fun :smile: :bike: :nosuchemoji:", "fun 😄 🚲 :nosuchemoji:\n"},
		{"nested list", "- a\n  - b\n    - c\n- d", "• a\n  • b\n    • c\n• d\n"},
		{"ordered list", "3. x\n4. y", "3. x\n4. y\n"},
		{"quote", "> quoted\n> more", "│ quoted\n│ more\n"},
		{"code block", "```go\nfunc main() {\n}\n```", "    func main() {\n    }\n"},
		{"rule", "a\n\n---\n\nb", "a\n\n────────────────────\n\nb\n"},
		{"table", "| a | bb |\n|---|---|\n| ccc | d |", "a    bb\nccc  d\n"},
		{"task list", "- [x] done\n- [ ] todo", "• [x] done\n• [ ] todo\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notes.PlainText(tt.md); got != tt.want {
				t.Errorf("PlainText(%q) =\n%q\nwant\n%q", tt.md, got, tt.want)
			}
		})
	}
}

// markdownMarkers are signs that markdown syntax leaked into plain text.
var markdownMarkers = []string{"**", "__", "](", "![", "`", ":star:", ":smile:"}

func TestPlainTextRealTalks(t *testing.T) {
	d := embedded(t)
	for _, tk := range d.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			out := notes.PlainText(tk.DisplayMarkdown())
			for _, want := range []string{tk.Title + "\n", tk.Speaker, tk.SpeakerURL, notes.Stars(tk.Stars)} {
				if !strings.Contains(out, want) {
					t.Errorf("plain text lacks %q", want)
				}
			}
			for _, m := range markdownMarkers {
				if strings.Contains(out, m) {
					t.Errorf("plain text contains markdown %q", m)
				}
			}
			for i, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "> ") || strings.HasPrefix(line, "- ") {
					t.Errorf("line %d looks like markdown: %q", i+1, line)
				}
				if strings.ContainsAny(line, "\x1b\r") {
					t.Errorf("line %d has control characters: %q", i+1, line)
				}
			}
			// Every heading of the notes is a line of its own.
			for _, h := range tk.Headings {
				text := strings.NewReplacer("**", "", "`", "", "_", "").Replace(h.Text)
				if !strings.Contains(out, "\n"+text+"\n") {
					t.Errorf("heading %q is not a line of its own", text)
				}
			}
		})
	}
}

func TestPlainTextAbout(t *testing.T) {
	out := notes.PlainText(embedded(t).AboutMarkdown())
	for _, want := range []string{"GolangUK talks notes", "About us", "Hernán Kleiman", "Schedule", "http://golanguk.com/schedule"} {
		if !strings.Contains(out, want) {
			t.Errorf("about page lacks %q", want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	d := embedded(t)
	var buf bytes.Buffer
	if err := notes.WriteJSON(&buf, allHits(d), false); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(d.Talks) {
		t.Fatalf("%d objects, want %d", len(got), len(d.Talks))
	}
	keys := "links markdown number sections slug speaker speaker_url stars title"
	for i, tk := range d.Talks {
		o := got[i]
		t.Run(tk.Slug, func(t *testing.T) {
			var ks []string
			for k := range o {
				ks = append(ks, k)
			}
			if s := strings.Join(sortStrings(ks), " "); s != keys {
				t.Errorf("keys %q, want %q", s, keys)
			}
			if o["number"] != float64(tk.Number) || o["slug"] != tk.Slug || o["title"] != tk.Title ||
				o["speaker"] != tk.Speaker || o["speaker_url"] != tk.SpeakerURL || o["stars"] != float64(tk.Stars) ||
				o["markdown"] != tk.Markdown() {
				t.Errorf("object %v does not match talk %d", o, tk.Number)
			}
			// links holds the speaker's page and the header's links,
			// marked as the speaker's, and at least every URL of them.
			links, ok := o["links"].([]any)
			if !ok || len(links) < 1+len(tk.Links) {
				t.Fatalf("links = %#v, want at least %d", o["links"], 1+len(tk.Links))
			}
			speakers := 0
			for _, l := range links {
				if m, _ := l.(map[string]any); m["speaker"] == true {
					speakers++
				}
			}
			if speakers != 1+len(tk.Links) {
				t.Errorf("%d speaker links, want %d: %#v", speakers, 1+len(tk.Links), links)
			}
		})
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func TestWriteJSONEmptyAndMatch(t *testing.T) {
	var buf bytes.Buffer
	if err := notes.WriteJSON(&buf, nil, true); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(buf.String()); got != "[]" {
		t.Errorf("no hits = %q, want []", got)
	}

	tk := &notes.Talk{Number: 3, Slug: "x", Title: "Go <&> tricks", Stars: 2}
	buf.Reset()
	doc, err := notes.Parse(strings.NewReader("# T\n\n## Go <&> tricks\n> Ann - https://a.example\n\n:two: :star: :star:\n\nuses <-ch here\n"))
	if err != nil {
		t.Fatal(err)
	}
	hits := doc.Search(notes.Query{Text: "<-", Sort: notes.SortRelevance})
	if len(hits) != 1 {
		t.Fatalf("Search(%q): %d hits, want 1", "<-", len(hits))
	}
	if err := notes.WriteTalkJSON(&buf, hits[0], true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"title": "Go <&> tricks"`) {
		t.Errorf("HTML characters escaped: %s", buf.String())
	}
	var o struct {
		Links []struct {
			URL     string `json:"url"`
			Speaker bool   `json:"speaker"`
		} `json:"links"`
		Match *struct {
			Field     string `json:"field"`
			Positions []int  `json:"positions"`
			Snippet   string `json:"snippet"`
		} `json:"match"`
	}
	if err := json.Unmarshal(buf.Bytes(), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Links) != 1 || o.Links[0].URL != "https://a.example" || !o.Links[0].Speaker {
		t.Errorf("links = %+v, want the speaker's page alone", o.Links)
	}
	if o.Match == nil || o.Match.Field != "notes" || o.Match.Snippet != "uses <-ch here" ||
		len(o.Match.Positions) != 2 || o.Match.Positions[0] != 5 {
		t.Errorf("match = %+v", o.Match)
	}

	buf.Reset()
	_ = notes.WriteTalkJSON(&buf, notes.Hit{Talk: tk, Field: notes.FieldTitle}, true)
	if !strings.Contains(buf.String(), `"positions": []`) {
		t.Errorf("positions not []: %s", buf.String())
	}
	buf.Reset()
	_ = notes.WriteTalkJSON(&buf, notes.Hit{Talk: tk}, false)
	if strings.Contains(buf.String(), "match") {
		t.Errorf("match without a query: %s", buf.String())
	}
}

func TestWriteTSV(t *testing.T) {
	d := embedded(t)
	var buf bytes.Buffer
	if err := notes.WriteTSV(&buf, allHits(d)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(d.Talks) {
		t.Fatalf("%d lines, want %d", len(lines), len(d.Talks))
	}
	for i, tk := range d.Talks {
		want := strconv.Itoa(tk.Number) + "\t" + strconv.Itoa(tk.Stars) + "\t" + tk.Slug + "\t" + tk.Title + "\t" + tk.Speaker
		if lines[i] != want {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], want)
		}
	}

	buf.Reset()
	odd := &notes.Talk{Number: 1, Slug: "a", Title: "tab\there", Speaker: "new\nline"}
	_ = notes.WriteTSV(&buf, []notes.Hit{{Talk: odd}})
	if got := buf.String(); got != "1\t0\ta\ttab here\tnew line\n" {
		t.Errorf("odd fields = %q", got)
	}
}

func ExampleWriteTSV() {
	doc, _ := notes.Parse(strings.NewReader("# Notes\n\n## Go tricks\n> Mat Ryer - https://matryer.com\n\n:two: :star: :star:\n\nline of sight\n"))
	_ = notes.WriteTSV(os.Stdout, []notes.Hit{{Talk: doc.Talks[0]}})
	// Output:
	// 1	2	go-tricks	Go tricks	Mat Ryer
}

func TestSafeMarkdown(t *testing.T) {
	deepList := ""
	for i := range 40 {
		deepList += strings.Repeat("  ", i) + "- level\n"
	}
	tests := []struct {
		name, md, want string
	}{
		{"ordinary notes unchanged", "# T\n\n- a\n  - b\n\n> quote\n\n&amp; &#8364; &#x1F600;\n", "# T\n\n- a\n  - b\n\n> quote\n\n&amp; &#8364; &#x1F600;\n"},
		{"ESC reference", "a &#27;[2J b", "a \uFFFD[2J b"},
		{"hex references", "&#x1b;&#X1B;&#x9b;&#7;&#0;&#127;", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"bidi references", "&#x202e;evil&#x202C; &#8295;", "\uFFFDevil\uFFFD \uFFFD"},
		{"padded reference", "&#0000027;", "\uFFFD"},
		{"tab and newline references kept", "&#9;&#10;", "&#9;&#10;"},
		{"not a reference", "&#; &#x; &#27 &#12345678;", "&#; &#x; &#27 &#12345678;"},
		{"deep quotes", strings.Repeat(">", 100) + " deep", strings.Repeat(">", notes.MaxNesting) + " deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notes.SafeMarkdown(tt.md); got != tt.want {
				t.Errorf("SafeMarkdown(%q) =\n%q\nwant\n%q", tt.md, got, tt.want)
			}
		})
	}
	t.Run("deep list", func(t *testing.T) {
		got := notes.SafeMarkdown(deepList)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(lines) != 40 {
			t.Fatalf("%d lines, want 40", len(lines))
		}
		for i, l := range lines {
			if !strings.HasSuffix(l, "level") {
				t.Errorf("line %d lost its text: %q", i+1, l)
			}
			if indent := len(l) - len(strings.TrimLeft(l, " ")); indent > 2*notes.MaxNesting {
				t.Errorf("line %d indented %d", i+1, indent)
			}
		}
		if lines[3] != "      - level" {
			t.Errorf("a shallow line changed: %q", lines[3])
		}
	})
	t.Run("long line", func(t *testing.T) {
		long := strings.Repeat("日本語 ", notes.MaxLineBytes/5)
		got := notes.SafeMarkdown("short\n" + long + "\nend\n")
		lines := strings.Split(got, "\n")
		if lines[0] != "short" || lines[2] != "end" || len(lines[1]) > notes.MaxLineBytes+len("…") ||
			!strings.HasSuffix(lines[1], "…") || !utf8.ValidString(lines[1]) {
			t.Errorf("long line cut badly: %d bytes, ends %q", len(lines[1]), lines[1][len(lines[1])-10:])
		}
	})
}

func TestPlainTextHostile(t *testing.T) {
	md := "Clear &#27;[2J screen &#x9b;H, raw \x1b[2J, bel \a, C1 \u009b, bidi \u202e &#x202e;, bad \xff, &amp; &lt;tag&gt; \\*not em\\*"
	got := notes.PlainText(md)
	if strings.ContainsAny(got, "\x1b\a\u009b\u202e") || !utf8.ValidString(got) {
		t.Errorf("control characters in %q", got)
	}
	for _, want := range []string{"& <tag>", "*not em*"} {
		if !strings.Contains(got, want) {
			t.Errorf("PlainText = %q, lacks %q", got, want)
		}
	}
}

// TestWriteJSONMakesLateSnippets checks that hits past the ones Search
// makes snippets for still carry theirs in the JSON.
func TestWriteJSONMakesLateSnippets(t *testing.T) {
	doc, err := notes.Parse(bytes.NewReader(notestest.Bytes(300, 1)))
	if err != nil {
		t.Fatal(err)
	}
	hits := doc.Search(notes.Query{Text: "goroutine", Sort: notes.SortRelevance})
	var b bytes.Buffer
	if err := notes.WriteJSON(&b, hits, true); err != nil {
		t.Fatal(err)
	}
	var got []notes.TalkJSON
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	inNotes := 0
	for _, j := range got {
		if j.Match == nil || j.Match.Field != "notes" {
			continue
		}
		inNotes++
		if !strings.Contains(strings.ToLower(j.Match.Snippet), "goroutine") {
			t.Errorf("talk %d: notes hit with snippet %q", j.Number, j.Match.Snippet)
		}
	}
	// Search once made the snippets of the first 100 hits only.
	if inNotes <= 100 {
		t.Fatalf("only %d notes hits; the test needs more than 100", inNotes)
	}
}
