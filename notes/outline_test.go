package notes_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

// aidsDoc parses the embedded notes for the outline and links tests.
func aidsDoc(t testing.TB) *notes.Document {
	t.Helper()
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatalf("parsing the embedded notes: %v", err)
	}
	return doc
}

// TestOutlineRealNotes checks the outline of talks of the embedded notes
// against tables written by reading data/golanguk-2016.md. A talk's Body
// starts on the line after the rating line and its blank line, so body
// line = file line - (rating line + 1).
func TestOutlineRealNotes(t *testing.T) {
	type e = notes.OutlineEntry
	tests := []struct {
		talk int
		want []e
	}{
		// Rating line 37: body line = file line - 38.
		{1, []e{
			{3, "The SOLID principles", "the-solid-principles", 1}, // "### The **SOLID** principles", line 39
			{3, "Summary", "summary", 29},                          // line 67
		}},
		// Rating line 74: file line - 75.
		{2, []e{
			{3, "microservices", "microservices", 3}, // line 78
			{3, "go kit", "go-kit", 25},              // line 100, after a list item
			{4, "code show", "code-show", 32},        // line 107
			{4, "transport", "transport", 46},        // line 121
			{4, "dist tracing", "dist-tracing", 52},  // line 127
		}},
		// Talk 5 has a fenced code block of comments in a list, and no heading.
		{5, nil},
		// Rating line 286: file line - 287.
		{6, []e{
			{3, "Introduction to Africa", "introduction-to-africa", 4},
			{3, "Initatives to improve Africa's situation", "initatives-to-improve-africas-situation", 16},
			{3, "App Store stats", "app-store-stats", 25},
			{3, "Targeting apps for Africa", "targeting-apps-for-africa", 31},
			{3, "Problems when developing apps for Africa", "problems-when-developing-apps-for-africa", 41},
		}},
		// Rating line 345: file line - 346.
		{7, []e{
			{3, "derived contexts", "derived-contexts", 13}, // line 359
			{3, "more", "more", 20},                         // line 366
			{4, "demo", "demo", 30},                         // line 376
		}},
		// Rating line 489: file line - 490. Line 518 is a list item of
		// "```[timestamp]...```", a code span (a backtick fence cannot have
		// backticks after it), so the headings after it still count.
		{12, []e{
			{3, "logging 101", "logging-101", 1},
			{3, "why do we write logs", "why-do-we-write-logs", 8},
			{3, "logging infrastructure", "logging-infrastructure", 13},
			{3, "how to structure logs in microservices", "how-to-structure-logs-in-microservices", 27},
			{3, "golang log libraries", "golang-log-libraries", 31},
			{3, "tips and tricks", "tips-and-tricks", 35},
		}},
		// Rating line 535: file line - 536.
		{13, []e{
			{3, "virtual machines", "virtual-machines", 1},
			{3, "Memory", "memory", 14},
			{3, "CPU", "cpu", 35},
			{3, "Transport triggering", "transport-triggering", 55},
			{3, "Random thoughts", "random-thoughts", 62},
		}},
		// Rating line 640: file line - 641.
		{16, []e{
			{4, "The pipeline", "the-pipeline", 16},
			{4, "design goals", "design-goals", 20},
			{4, "go", "go", 39},
		}},
		// Rating line 702: file line - 703.
		{17, []e{
			{4, "The flow of Deployment", "the-flow-of-deployment", 12},
			{4, "Kubernetes features", "kubernetes-features", 15},
			{4, "Why golang", "why-golang", 44},
		}},
		// Talk 19 is built from a numbered list ("1. **time**"), not headings.
		{19, nil},
	}
	doc := aidsDoc(t)
	for _, tt := range tests {
		tk := doc.Talks[tt.talk-1]
		t.Run(tk.Slug, func(t *testing.T) {
			got := tk.Outline()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("talk %d Outline():\n got %+v\nwant %+v", tt.talk, got, tt.want)
			}
		})
	}
}

// TestOutlineLinesMatchHeadings checks, on every talk of the embedded
// notes, that each outline entry stands on a "###" or "####" line of the
// body, the one the parser's Headings found at that place.
func TestOutlineLinesMatchHeadings(t *testing.T) {
	for _, tk := range aidsDoc(t).Talks {
		lines := bytes.Split([]byte(tk.Body), []byte("\n"))
		out := tk.Outline()
		var heads []notes.Heading
		for _, h := range tk.Headings {
			if h.Level <= 4 {
				heads = append(heads, h)
			}
		}
		if len(out) != len(heads) {
			t.Errorf("talk %d: %d outline entries, %d Headings of level 3 and 4", tk.Number, len(out), len(heads))
			continue
		}
		for i, o := range out {
			line := string(lines[o.Line-1])
			want := "#### "[5-o.Level-1:]
			if !bytes.HasPrefix([]byte(line), []byte(want)) {
				t.Errorf("talk %d: entry %q at body line %d, which is %q", tk.Number, o.Title, o.Line, line)
			}
			if heads[i].Line-o.Line != heads[0].Line-out[0].Line {
				t.Errorf("talk %d: entry %q at body line %d, heading at file line %d: offset differs from the first's", tk.Number, o.Title, o.Line, heads[i].Line)
			}
		}
	}
}

func TestOutline(t *testing.T) {
	type e = notes.OutlineEntry
	tests := []struct {
		name string
		body string
		want []e
	}{
		{"emphasis, code and links in headings",
			"### The **SOLID** principles\n#### the `io.Reader` [type](https://go.dev) _now_\n",
			[]e{{3, "The SOLID principles", "the-solid-principles", 1}, {4, "the io.Reader type now", "the-ioreader-type-now", 2}}},
		{"headings in fenced code are not headings",
			"```\n### not a heading\n```\n~~~md\n#### nor this\n~~~\n### real\n",
			[]e{{3, "real", "real", 7}}},
		{"headings in indented code are not headings",
			"para\n\n    ### code\n\n### real",
			[]e{{3, "real", "real", 5}}},
		{"setext headings are levels 1 and 2, never in the outline",
			"Title\n=====\n\nSub\n---\n\n### Three\n",
			[]e{{3, "Three", "three", 7}}},
		{"duplicate titles get GitHub's suffixes",
			"### Summary\n### Summary\n#### Summary\n### Summary 1\n",
			[]e{{3, "Summary", "summary", 1}, {3, "Summary", "summary-1", 2}, {4, "Summary", "summary-2", 3}, {3, "Summary 1", "summary-1-1", 4}}},
		{"other levels are left out but take their anchors",
			"## Intro\n### Intro\n##### deep\n#### deep\n",
			[]e{{3, "Intro", "intro-1", 2}, {4, "deep", "deep-1", 4}}},
		{"headings in a list item and a block quote",
			"- item\n\n  ### in a list\n> ### in a quote\n",
			[]e{{3, "in a list", "in-a-list", 3}, {3, "in a quote", "in-a-quote", 4}}},
		{"closing hashes, empty headings and headings of punctuation",
			"### Title ###\n###\n#### !!!\n",
			[]e{{3, "Title", "title", 1}, {3, "", "section", 2}, {4, "!!!", "section-1", 3}}},
		{"emoji shortcodes and character references",
			"### tips :smile: &amp; tricks\n",
			[]e{{3, "tips 😄 & tricks", "tips---tricks", 1}}},
		{"accents stay in anchors",
			"### Florin Pățan's talk\n",
			[]e{{3, "Florin Pățan's talk", "florin-pățans-talk", 1}}},
		{"control characters never reach the title",
			"### a\x1b[31mred\u202e\x07 \tb\n",
			[]e{{3, "a[31mred b", "a31mred-b", 1}}},
		{"no heading", "just text, a # sign\n\n    # code\n", nil},
		{"empty notes", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := &notes.Talk{Title: "T", Body: tt.body}
			got := tk.Outline()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Outline() of %q:\n got %+v\nwant %+v", tt.body, got, tt.want)
			}
		})
	}
}
