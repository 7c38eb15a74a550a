package notes_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// TestNumberedBody checks where the numbers of links go, in notes written
// for each shape of link; the numbers are those AllLinks gives, counted by
// hand in reading order.
func TestNumberedBody(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"inline link mid-line", "see [the paper](https://a.example/p) today\n",
			"see [the paper](https://a.example/p) \\[1\\] today\n"},
		{"bare URL at the end of a line", "- tool https://a.example\n- next\n",
			"- tool https://a.example \\[1\\]\n- next\n"},
		{"autolink then punctuation", "<https://a.example>, and ann@b.example.\n",
			"<https://a.example> \\[1\\], and ann@b.example \\[2\\].\n"},
		{"link inside emphasis: after the emphasis", "**[bold](https://a.example)** x\n",
			"**[bold](https://a.example)** \\[1\\] x\n"},
		{"image then link", "![alt](https://i.example/a.png)\n\n[t](https://t.example \"title\")\n",
			"![alt](https://i.example/a.png) \\[1\\]\n\n[t](https://t.example \"title\") \\[2\\]\n"},
		{"image inside a link: link first", "[![b](https://ci.example/b.svg)](https://ci.example/)\n",
			"[![b](https://ci.example/b.svg)](https://ci.example/) \\[1\\] \\[2\\]\n"},
		{"the same URL again: its first number", "[a](https://a.example) [b](https://b.example) [again](https://a.example)\n",
			"[a](https://a.example) \\[1\\] [b](https://b.example) \\[2\\] [again](https://a.example) \\[1\\]\n"},
		{"reference link", "[r][ref] x\n\n[ref]: https://r.example\n",
			"[r][ref] \\[1\\] x\n\n[ref]: https://r.example\n"},
		{"link in a heading", "### see [a](https://a.example)\n",
			"### see [a](https://a.example) \\[1\\]\n"},
		{"no links in code", "`https://no.example` and\n\n```\nhttps://no.example\n```\n",
			"`https://no.example` and\n\n```\nhttps://no.example\n```\n"},
		{"javascript is numbered too", "[x](javascript:alert(1)) y\n",
			"[x](javascript:alert(1)) \\[1\\] y\n"},
		{"no links", "just text\n", "just text\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tk := &notes.Talk{Title: "T", Body: c.body}
			if got := tk.NumberedBody(); got != c.want {
				t.Errorf("NumberedBody(%q)\n got %q\nwant %q", c.body, got, c.want)
			}
		})
	}
}

// TestNumberedBodyRealNotes checks the numbers in talk 19's notes
// (data/golanguk-2016.md lines 792-843): 1 is the speaker's page, in the
// header, so the notes show 2 after the bare pprof URL and 3 after "this
// apple tool".
func TestNumberedBodyRealNotes(t *testing.T) {
	tk := aidsDoc(t).Talks[18]
	got := tk.NumberedBody()
	for _, want := range []string{
		"    - https://github.com/pkg/profile \\[2\\]\n",
		"Maybe [this apple tool](https://developer.apple.com/library/tvos/documentation/DeveloperTools/Conceptual/InstrumentsUserGuide) \\[3\\] can help.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("talk 19's numbered notes lack %q", want)
		}
	}
	if n := strings.Count(got, "\\["); n != 2 {
		t.Errorf("talk 19's numbered notes have %d numbers, want 2", n)
	}
}

// marker is a number NumberedBody writes.
var marker = regexp.MustCompile(` \\\[[0-9]+\\\]`)

// TestNumberedBodyOnlyAdds checks, on every talk of the embedded notes,
// that taking the numbers out gives the notes back, and that the notes
// show each number of a link of the notes.
func TestNumberedBodyOnlyAdds(t *testing.T) {
	for _, tk := range aidsDoc(t).Talks {
		got := tk.NumberedBody()
		if back := marker.ReplaceAllString(got, ""); back != notes.SafeMarkdown(tk.Body) {
			t.Errorf("talk %d: the numbered notes less their numbers are not the notes:\n%s", tk.Number, back)
		}
		for _, l := range tk.AllLinks() {
			if l.Line > 0 && !strings.Contains(got, " \\["+strconv.Itoa(l.Number)+"\\]") {
				t.Errorf("talk %d: link %d (%s, line %d) has no number in the notes", tk.Number, l.Number, l.URL, l.Line)
			}
		}
	}
}

// FuzzNumberedBody checks that NumberedBody only adds numbers: the notes
// less the numbers are the notes as SafeMarkdown makes them.
func FuzzNumberedBody(f *testing.F) {
	for _, s := range aidsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if strings.Contains(body, `\[`) || strings.Contains(body, `\]`) {
			t.Skip("the notes hold what looks like a number")
		}
		tk := &notes.Talk{Title: "T", Body: body}
		got := tk.NumberedBody()
		if back := marker.ReplaceAllString(got, ""); back != notes.SafeMarkdown(body) {
			t.Errorf("NumberedBody(%q) = %q: less its numbers, not the notes", body, got)
		}
	})
}
