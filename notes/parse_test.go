package notes_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func parseReal(t testing.TB) *notes.Document {
	t.Helper()
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatalf("parsing the embedded notes: %v", err)
	}
	return doc
}

// TestParseRealNotes checks every talk of the embedded notes against a
// table written by reading data/golanguk-2016.md, not by running the parser.
func TestParseRealNotes(t *testing.T) {
	const sp = "http://golanguk.com/speakers/#"
	want := []struct {
		line        int
		title       string
		speaker     string
		affiliation string
		url         string
		links       []string
		stars       int
		slug        string
	}{
		{33, "Keynote: SOLID Go design", "Dave Cheney", "", sp + "dave-cheney", nil, 8, "keynote-solid-go-design"},
		{71, "Applied Go kit", "Peter Bourgon", "", sp + "peter-bourgon", nil, 6, "applied-go-kit"},
		{134, "Idiomatic Go Tricks", "Mat Ryer", "", "http://matryer.com", nil, 4, "idiomatic-go-tricks"},
		{175, "Cloud in your Cloud", "Matthew Cambell", "", sp + "matthew-campbell", nil, 6, "cloud-in-your-cloud"},
		{235, "Advanced testing concepts for Go 1.7", "Marcel Ban Lohuizen", "Go team", sp + "marcel-van-lohuizen", nil, 6, "advanced-testing-concepts-for-go-1-7"},
		{283, "Developing Apps for Developing Countries with go-mobile", "Natalie Pistunovich", "", sp + "natalie-pistunovich", nil, 4, "developing-apps-for-developing-countries-with-go-mobile"},
		{341, "A beginners guide to Context", "Paul Crawford", "", sp + "paul-crawford", nil, 4, "a-beginners-guide-to-context"},
		{379, "Go from Dev to Prod", "Florin Pățan", "", sp + "marcel-van-lohuizen", nil, 3, "go-from-dev-to-prod"},
		{396, "Design patterns in Microservices architectures and Gilmour", "Piyush Verma", "", sp + "piyush-verma", []string{"https://github.com/gilmour-libs/gilmour"}, 4, "design-patterns-in-microservices-architectures-and-gilmour"},
		{426, "static deadlock detection", "Nicholas Ng", "", sp + "nicholas-ng", nil, 9, "static-deadlock-detection"},
		{456, "Advanced Patterns with io.ReadWriter", "Paul Bellamy", "", sp + "paul-bellamy", nil, 8, "advanced-patterns-with-io-readwriter"},
		{485, "What every developer should know about logging", "Slawosz Slawinski", "", sp + "slawosz-slawinski", nil, 2, "what-every-developer-should-know-about-logging"},
		{532, "Implementing software machines in Go & C", "Eleanor McHugh", "", sp + "eleanor-mchugh", nil, 7, "implementing-software-machines-in-go-c"},
		{606, "Grand Treatise of Modern Instrumentation and Orchestration", "Björn Rabenstein", "", sp + "bjoern-rabenstein", nil, 4, "grand-treatise-of-modern-instrumentation-and-orchestration"},
		{625, "GoBridge and the Go Community: Initiatives and Opportunities", "Carlisia Campos", "", sp + "carlisia-campos", nil, 5, "gobridge-and-the-go-community-initiatives-and-opportunities"},
		{636, "Managing and scaling Real-time Data Pipelines using Go", "Jennie Lees", "", sp + "jennie-lees", nil, 6, "managing-and-scaling-real-time-data-pipelines-using-go"},
		{699, "Building Cloud Native applications with Go", "Mandy Waite", "", sp + "mandy-waite", nil, 7, "building-cloud-native-applications-with-go"},
		{760, "Building Mobile SDKs with GoMobile", "Nic Jackson", "", sp + "nic-jackson", nil, 7, "building-mobile-sdks-with-gomobile"},
		{792, "Seven ways to profile Go applications", "Dave Cheney", "", sp + "dave-cheney", nil, 8, "seven-ways-to-profile-go-applications"},
		{845, "Building your own log-based message queue in Go", "Victor Ruiz", "", sp + "víctor-ruiz", []string{"https://texlution.com/"}, 8, "building-your-own-log-based-message-queue-in-go"},
		{877, "Real-Time Go", "Andreas Krennmair", "", sp + "andreas-krennmair", nil, 4, "real-time-go"},
	}

	doc := parseReal(t)
	if doc.Title != "GolangUK talks notes" {
		t.Errorf("Title = %q, want %q", doc.Title, "GolangUK talks notes")
	}
	if doc.Name != data.Name {
		t.Errorf("Name = %q, want %q", doc.Name, data.Name)
	}
	var sections []string
	for _, s := range doc.Sections {
		sections = append(sections, s.Title)
	}
	if !reflect.DeepEqual(sections, []string{"About us", "Schedule"}) {
		t.Errorf("section titles = %q, want [About us Schedule]", sections)
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings on the real notes: %v", doc.Warnings)
	}
	if len(doc.Talks) != len(want) {
		t.Fatalf("got %d talks, want %d", len(doc.Talks), len(want))
	}
	for i, w := range want {
		t.Run(w.slug, func(t *testing.T) {
			tk := doc.Talks[i]
			check := func(field string, got, want any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", field, got, want)
				}
			}
			check("Number", tk.Number, i+1)
			check("Line", tk.Line, w.line)
			check("Title", tk.Title, w.title)
			check("Speaker", tk.Speaker, w.speaker)
			check("Affiliation", tk.Affiliation, w.affiliation)
			check("SpeakerURL", tk.SpeakerURL, w.url)
			check("Links", tk.Links, w.links)
			check("Stars", tk.Stars, w.stars)
			check("Slug", tk.Slug, w.slug)
			for _, bad := range []string{"=512x", "=450x", "=600x", ":star:"} {
				if strings.Contains(tk.Body, bad) {
					t.Errorf("Body contains %q", bad)
				}
			}
			if strings.HasPrefix(tk.Body, ">") || strings.HasPrefix(tk.Body, "\n") || strings.HasSuffix(tk.Body, "\n") {
				t.Errorf("Body is not trimmed to the notes: starts %q", tk.Body[:min(len(tk.Body), 20)])
			}
		})
	}
}

// TestParseRealDetails checks headings, images and bodies at places of the
// real notes picked by eye.
func TestParseRealDetails(t *testing.T) {
	doc := parseReal(t)
	talk := func(n int) *notes.Talk { return doc.Talks[n-1] }

	t.Run("headings of talk 1", func(t *testing.T) {
		want := []notes.Heading{
			{Level: 3, Text: "The **SOLID** principles", Line: 39},
			{Level: 3, Text: "Summary", Line: 67},
		}
		if got := talk(1).Headings; !reflect.DeepEqual(got, want) {
			t.Errorf("Headings = %+v, want %+v", got, want)
		}
	})
	t.Run("headings of talk 18 are level 4", func(t *testing.T) {
		want := []notes.Heading{
			{Level: 4, Text: "Creating a client SDK in Go", Line: 766},
			{Level: 4, Text: "Generationg native frameworks with Go Mobile", Line: 781},
			{Level: 4, Text: "Integration the generated SDK into an Android app", Line: 788},
		}
		if got := talk(18).Headings; !reflect.DeepEqual(got, want) {
			t.Errorf("Headings = %+v, want %+v", got, want)
		}
	})
	t.Run("images of talk 4, header and body, suffixes gone", func(t *testing.T) {
		want := []notes.Image{
			{URL: "http://i.imgur.com/KqPoebX.jpg"},
			{URL: "http://i.imgur.com/GrsapRr.jpg"},
			{URL: "http://i.imgur.com/Y8B9Ksw.jpg"},
		}
		if got := talk(4).Images; !reflect.DeepEqual(got, want) {
			t.Errorf("Images = %+v, want %+v", got, want)
		}
		if !strings.Contains(talk(4).Body, "    - ![](http://i.imgur.com/Y8B9Ksw.jpg)\n") {
			t.Errorf("indented body image not normalised in place")
		}
	})
	t.Run("=512x300 in talk 2", func(t *testing.T) {
		if !strings.HasSuffix(talk(2).Body, "\n![](https://i.imgur.com/QnEYGkv.png)") {
			t.Errorf("Body ends %q", talk(2).Body[len(talk(2).Body)-60:])
		}
	})
	t.Run("quotation in talk 5 body stays body", func(t *testing.T) {
		if !strings.Contains(talk(5).Body, "\n> The testing package now supports") {
			t.Errorf("quotation missing from Body")
		}
		if !strings.HasPrefix(talk(5).Body, "- Go 1.7 is out") {
			t.Errorf("Body starts %q", talk(5).Body[:30])
		}
	})
	t.Run("fenced code in talk 5 kept verbatim", func(t *testing.T) {
		if !strings.Contains(talk(5).Body, "    ```go\n    func TestFoo(b * testing.B) {\n") {
			t.Errorf("fenced code missing from Body")
		}
	})
	t.Run("about sections", func(t *testing.T) {
		about := doc.Sections[0]
		if about.Line != 6 || !strings.HasPrefix(about.Markdown, "![](https://i.imgur.com/YVQOUU9.jpg)\n\nFrom left to right:") {
			t.Errorf("About us = line %d, %q", about.Line, about.Markdown[:50])
		}
		if !strings.HasSuffix(about.Markdown, "Ultimate Go Workshop hackpad https://hackmd.io/s/SJF9j9Wc") {
			t.Errorf("About us does not end with the Related line")
		}
		sched := doc.Sections[1]
		if want := "http://golanguk.com/schedule\n\n![](https://i.imgur.com/ARdhPHX.jpg)"; sched.Markdown != want || sched.Line != 27 {
			t.Errorf("Schedule = line %d, %q, want line 27, %q", sched.Line, sched.Markdown, want)
		}
		if doc.Intro != "![](https://i.imgur.com/E4FhipS.jpg)" {
			t.Errorf("Intro = %q", doc.Intro)
		}
	})
}

// headerImages are the images between a talk's heading and its speaker
// line in the real notes, by talk number, read from the file by eye.
var headerImages = map[int][]string{
	1:  {"http://i.imgur.com/1d1nzZ9.jpg"},
	4:  {"http://i.imgur.com/KqPoebX.jpg"},
	5:  {"http://i.imgur.com/2Ybb4mP.jpg"},
	7:  {"http://i.imgur.com/rLuHhS3.jpg"},
	9:  {"https://i.imgur.com/sOHTgfK.jpg"},
	11: {"http://i.imgur.com/PAB6Ixr.jpg"},
	12: {"https://i.imgur.com/2WIFJuP.jpg"},
	16: {"https://i.imgur.com/WBEq7IG.jpg"},
	18: {"https://i.imgur.com/9Nex3fp.jpg"},
}

// TestMarkdown compares each talk's Markdown and the about page with golden
// files reviewed by eye (go test -run TestMarkdown -update rewrites them).
func TestMarkdown(t *testing.T) {
	doc := parseReal(t)
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			md := tk.Markdown()
			head := "# " + tk.Title + "\n\n"
			if !strings.HasPrefix(md, head) {
				t.Errorf("Markdown does not start with %q: %q", head, md[:min(len(md), 80)])
			}
			// The header's images, as in the source, then the speaker line.
			rest := md[len(head):]
			for _, img := range headerImages[tk.Number] {
				line := "![](" + img + ")\n"
				if !strings.HasPrefix(rest, line) {
					t.Errorf("Markdown lacks header image line %q before the speaker: %q", line, rest[:min(len(rest), 80)])
				}
				rest = strings.TrimPrefix(rest, line)
			}
			if len(headerImages[tk.Number]) > 0 {
				rest = strings.TrimPrefix(rest, "\n")
			}
			if !strings.HasPrefix(rest, "> ") {
				t.Errorf("Markdown has no speaker line after the title and header images: %q", rest[:min(len(rest), 80)])
			}
			if !strings.Contains(md, "\n\n"+tk.Body+"\n") || !strings.HasSuffix(md, tk.Body+"\n") {
				t.Errorf("Markdown does not end with the body")
			}
			golden(t, md)
		})
	}
	t.Run("about", func(t *testing.T) {
		md := doc.AboutMarkdown()
		for _, s := range []string{"# GolangUK talks notes\n", "\n## About us\n", "\n## Schedule\n", "Alberto Fernández"} {
			if !strings.Contains(md, s) {
				t.Errorf("about page lacks %q", s)
			}
		}
		for _, s := range []string{"=450x", "=400x", "Dave Cheney", ":star:"} {
			if strings.Contains(md, s) {
				t.Errorf("about page contains %q", s)
			}
		}
		golden(t, md)
	})
}

func TestMarkdownHandMade(t *testing.T) {
	tk := &notes.Talk{
		Title: "Hand made", Speaker: "Ann Example", Affiliation: "Go team",
		SpeakerURL: "https://example.com/ann", Links: []string{"https://example.com/slides"},
		Stars: 3, Body: "- notes",
	}
	want := "# Hand made\n\n> Ann Example - Go team - https://example.com/ann\n> https://example.com/slides\n\n:three: :star: :star: :star:\n\n- notes\n"
	if got := tk.Markdown(); got != want {
		t.Errorf("Markdown =\n%s\nwant\n%s", got, want)
	}
}

func golden(t *testing.T, got string) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(t.Name())+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestLookup(t *testing.T) {
	doc := parseReal(t)
	for _, tc := range []struct {
		ref  string
		want int // talk number, 0 for not found
	}{
		{"7", 7},
		{"#7", 7},
		{" 21 ", 21},
		{"1", 1},
		{"0", 0},
		{"22", 0},
		{"-1", 0},
		{"real-time-go", 21},
		{"Real-Time-Go", 21},
		{"KEYNOTE-SOLID-GO-DESIGN", 1},
		{"solid", 0},
		{"", 0},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			tk, ok := doc.Lookup(tc.ref)
			if tc.want == 0 {
				if ok || tk != nil {
					t.Errorf("Lookup(%q) = talk %v, %v; want not found", tc.ref, tk, ok)
				}
				return
			}
			if !ok || tk.Number != tc.want {
				t.Errorf("Lookup(%q) = %v, %v; want talk %d", tc.ref, tk, ok, tc.want)
			}
		})
	}
}

// talk is the comparable part of a Talk, for the table of parser cases.
type talk struct {
	Title, Speaker, Affiliation, URL string
	Links                            []string
	Stars                            int
	Slug                             string
	Body                             string
	Headings                         []string // "level text line"
}

func summary(tk *notes.Talk) talk {
	var hs []string
	for _, h := range tk.Headings {
		hs = append(hs, fmt.Sprintf("%d %s %d", h.Level, h.Text, h.Line))
	}
	return talk{tk.Title, tk.Speaker, tk.Affiliation, tk.SpeakerURL, tk.Links, tk.Stars, tk.Slug, tk.Body, hs}
}

// TestParse runs the parser over small files, one per quirk of the format
// and per kind of bad input, and checks the exact outcome.
func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		title    string   // document title
		talks    []talk   // every talk, in order
		sections []string // non-talk section titles
		warnings []string
	}{
		{
			name:  "minimal",
			in:    "# T\n\n## A talk\n> Ann - https://a.example\n\n:two: :star: :star:\n\nnotes\n",
			title: "T",
			talks: []talk{{Title: "A talk", Speaker: "Ann", URL: "https://a.example", Stars: 2, Slug: "a-talk", Body: "notes"}},
		},
		{
			name: "speaker line shapes",
			in: "# T\n" +
				"## A\n> Ann Lee - https://a.example\n:one: :star:\n" +
				"## B\n> Víctor Ruiz- https://b.example\n:one: :star:\n" +
				"## C\n> Marcel van Lohuizen - Go team - https://c.example\n:one: :star:\n" +
				"## D\n> Paul Crawford - https://d.example   \t\n:one: :star:\n" +
				"## E\n>Jean-Luc Picard -https://e.example\n:one: :star:\n" +
				"## F\n> [Ann Lee](https://f.example) - Acme\n:one: :star:\n" +
				"## G\n> Bob\n:one: :star:\n" +
				"## H\n> https://h.example\n:one: :star:\n",
			title: "T",
			talks: []talk{
				{Title: "A", Speaker: "Ann Lee", URL: "https://a.example", Stars: 1, Slug: "a"},
				{Title: "B", Speaker: "Víctor Ruiz", URL: "https://b.example", Stars: 1, Slug: "b"},
				{Title: "C", Speaker: "Marcel van Lohuizen", Affiliation: "Go team", URL: "https://c.example", Stars: 1, Slug: "c"},
				{Title: "D", Speaker: "Paul Crawford", URL: "https://d.example", Stars: 1, Slug: "d"},
				{Title: "E", Speaker: "Jean-Luc Picard", URL: "https://e.example", Stars: 1, Slug: "e"},
				{Title: "F", Speaker: "Ann Lee", Affiliation: "Acme", URL: "https://f.example", Stars: 1, Slug: "f"},
				{Title: "G", Speaker: "Bob", Stars: 1, Slug: "g"},
				{Title: "H", URL: "https://h.example", Stars: 1, Slug: "h"},
			},
		},
		{
			name: "header with image, blank lines and extra link lines",
			in: "# T\n## Gilmour\n\n![](https://i.example/p.jpg =512x380)\n\n> Piyush Verma - https://p.example\n" +
				"> https://github.com/gilmour-libs/gilmour\n>\n> <https://second.example>\n\n:four: :star: :star: :star: :star:\n\n- body\n",
			title: "T",
			talks: []talk{{Title: "Gilmour", Speaker: "Piyush Verma", URL: "https://p.example",
				Links: []string{"https://github.com/gilmour-libs/gilmour", "https://second.example"}, Stars: 4, Slug: "gilmour", Body: "- body"}},
		},
		{
			name: "second speaker line",
			in:   "# T\n## Duo\n> Ann - https://a.example\n> Bob - https://b.example\n:two: :star: :star:\n",
			talks: []talk{{Title: "Duo", Speaker: "Ann, Bob", URL: "https://a.example",
				Links: []string{"https://b.example"}, Stars: 2, Slug: "duo"}},
			title:    "T",
			warnings: []string{`notes: t.md:4: further speaker line; "Bob" added to the speakers`},
		},
		{
			name: "image size suffixes normalised everywhere but code",
			in: "# T\n## I\n![](https://i.example/1.jpg =512x)\n> A - https://a.example\n:one: :star:\n\n" +
				"![](https://i.example/2.jpg =450x) and ![alt text](https://i.example/3.png =512x300)\n" +
				"- ![x](<https://i.example/4.png> \"title\" =x380)\n" +
				"![](https://i.example/5.jpg)\n" +
				"```\n![](https://i.example/code.jpg =512x)\n```\n" +
				"not an image: [link](https://i.example/6 =512x) ![ (=3x)\n",
			title: "T",
			talks: []talk{{Title: "I", Speaker: "A", URL: "https://a.example", Stars: 1, Slug: "i", Body: "" +
				"![](https://i.example/2.jpg) and ![alt text](https://i.example/3.png)\n" +
				"- ![x](<https://i.example/4.png> \"title\")\n" +
				"![](https://i.example/5.jpg)\n" +
				"```\n![](https://i.example/code.jpg =512x)\n```\n" +
				"not an image: [link](https://i.example/6 =512x) ![ (=3x)"}},
		},
		{
			name: "## without a rating line is a section",
			in: "# T\n\nintro text\n\n## About us\n\n> a quote\n\nwho we are\n\n## Talk\n> A - https://a.example\n:one: :star:\n" +
				"## Lunch\n\n:pizza:\n\n## Late\n> B - https://b.example\n\nsome text\n\n:two: :star: :star:\n",
			title:    "T",
			sections: []string{"About us", "Lunch", "Late"},
			talks:    []talk{{Title: "Talk", Speaker: "A", URL: "https://a.example", Stars: 1, Slug: "talk"}},
			warnings: []string{`notes: t.md:18: "Late" has a speaker line but no rating line (":three: :star: :star: :star:"), so it is not a talk`},
		},
		{
			name:  "rating word disagrees with the count",
			in:    "# T\n## W\n> A - https://a.example\n\n:five: :star: :star: :star:\n",
			title: "T",
			talks: []talk{{Title: "W", Speaker: "A", URL: "https://a.example", Stars: 3, Slug: "w"}},
			warnings: []string{
				"notes: t.md:5: rating line says :five: but has 3 :star:; using 3",
			},
		},
		{
			name:  "too many stars are clamped",
			in:    "# T\n## W\n:keycap_ten: " + strings.Repeat(":star: ", 12) + "\n",
			title: "T",
			talks: []talk{{Title: "W", Stars: 10, Slug: "w"}},
			warnings: []string{
				"notes: t.md:3: rating line says :keycap_ten: but has 12 :star:; using 12",
				"notes: t.md:3: rating of 12 stars is more than 10; using 10",
			},
		},
		{
			name: "rating line forms",
			in: "# T\n" +
				"## Ten\n:keycap_ten: " + strings.Repeat(":star:", 10) + "\n" +
				"## Ten digits\n:one::zero: " + strings.Repeat(":star: ", 10) + "\n" +
				"## Times\n:eight: :star: x8\n" +
				"## Emoji\n⭐⭐⭐\n" +
				"## Zero\n:zero:\n" +
				"## Quoted\n> A - https://a.example\n> :two: :star: :star:\n",
			title: "T",
			talks: []talk{
				{Title: "Ten", Stars: 10, Slug: "ten"},
				{Title: "Ten digits", Stars: 10, Slug: "ten-digits"},
				{Title: "Times", Stars: 8, Slug: "times"},
				{Title: "Emoji", Stars: 3, Slug: "emoji"},
				{Title: "Zero", Stars: 0, Slug: "zero"},
				{Title: "Quoted", Speaker: "A", URL: "https://a.example", Stars: 2, Slug: "quoted"},
			},
		},
		{
			name: "quote deep in the body stays body",
			in: "# T\n## Q\n> A - https://a.example\n:one: :star:\n\n> Don't communicate by sharing memory - https://go.dev/proverbs\n" +
				"> https://go.dev\n- a list\n  - > nested quote\n",
			title: "T",
			talks: []talk{{Title: "Q", Speaker: "A", URL: "https://a.example", Stars: 1, Slug: "q",
				Body: "> Don't communicate by sharing memory - https://go.dev/proverbs\n> https://go.dev\n- a list\n  - > nested quote"}},
		},
		{
			name: "# inside fenced code is not a heading",
			in: "# T\n## Code\n:one: :star:\n### Real\n```sh\n## not a section\n### not a heading\n```\n" +
				"~~~\n# comment\n```\n## still code\n~~~\n" +
				"    ```go\n    // ### indented fence\n    ```\n" +
				"- ```[inline]```\n#### After\n",
			title: "T",
			talks: []talk{{Title: "Code", Stars: 1, Slug: "code", Body: "### Real\n```sh\n## not a section\n### not a heading\n```\n" +
				"~~~\n# comment\n```\n## still code\n~~~\n" +
				"    ```go\n    // ### indented fence\n    ```\n" +
				"- ```[inline]```\n#### After",
				Headings: []string{"3 Real 4", "4 After 18"}}},
		},
		{
			name:  "unclosed fence does not swallow the talks after it",
			in:    "# T\n## One\n:one: :star:\n```\ncode\n## Two\n:two: :star: :star:\n",
			title: "T",
			talks: []talk{
				{Title: "One", Stars: 1, Slug: "one", Body: "```\ncode"},
				{Title: "Two", Stars: 2, Slug: "two"},
			},
			warnings: []string{`notes: t.md:4: code fence is never closed; "## " headings after it are read as sections`},
		},
		{
			name:  "CRLF line endings and a lone CR",
			in:    "# T\r\n\r\n## Win\r\n> A - https://a.example \r\n\r\n:one: :star:\r\n\r\nline one\r\nline\rtwo\r\n",
			title: "T",
			talks: []talk{{Title: "Win", Speaker: "A", URL: "https://a.example", Stars: 1, Slug: "win", Body: "line one\nline\ntwo"}},
		},
		{
			name: "control characters are removed",
			in: "# T\x1b]0;pwned\x07itle\n" +
				"## Evil \x1b[2J\x1b[Htalk\n> Mal\x1b[31mlory\x7f - https://m.example\x1b]52;c;cm0gLXJmIH4=\x07\n:one: :star:\n" +
				"body \x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\ \xc2\x9b31m c1 \x00nul\x08bs\ttab\n",
			title: "T]0;pwneditle",
			talks: []talk{{Title: "Evil [2J[Htalk", Speaker: "Mal[31mlory", URL: "https://m.example]52;c;cm0gLXJmIH4=", Stars: 1,
				Slug: "evil-2j-htalk",
				Body: "body ]8;;javascript:alert(1)\\click]8;;\\ 31m c1 nulbs\ttab"}},
		},
		{
			name:  "invalid UTF-8 becomes U+FFFD",
			in:    "# T\xff\n## Caf\xe9 \x9b talk\n> J\xf6rg - https://j.example\n:one: :star:\nbad \xed\xa0\x80 surrogate\n",
			title: "T\uFFFD",
			talks: []talk{{Title: "Caf\uFFFD \uFFFD talk", Speaker: "J\uFFFDrg", URL: "https://j.example", Stars: 1, Slug: "caf-talk",
				Body: "bad \uFFFD\uFFFD\uFFFD surrogate"}},
		},
		{
			name: "bidi and zero-width characters",
			in: "\uFEFF# T\u200b\u202e\n## Sa\u202efe\u2066 title\u200d\n> Ann\u200b Lee\u200f - https://a.example\n:one: :star:\n" +
				"body \u202ereversed\u202c and emoji 👩\u200d💻\n",
			title: "T",
			talks: []talk{{Title: "Safe title", Speaker: "Ann Lee", URL: "https://a.example", Stars: 1, Slug: "safe-title",
				Body: "body reversed and emoji 👩\u200d💻"}},
		},
		{
			name:  "tabs and spaces in one-line fields",
			in:    "# \tMy\t notes  \n##   Tabbed\ttitle   ##\n>   Ann \t Lee   -   https://a.example\n:one: :star:\n",
			title: "My notes",
			talks: []talk{{Title: "Tabbed title", Speaker: "Ann Lee", URL: "https://a.example", Stars: 1, Slug: "tabbed-title"}},
		},
		{
			name: "slugs",
			in: "# T\n" +
				"## Keynote: SOLID Go design\n:one: :star:\n" +
				"## Pățan's Café — Go & Ærø\n:one: :star:\n" +
				"## 日本語\n:one: :star:\n" +
				"## 1984\n:one: :star:\n" +
				"## Same\n:one: :star:\n## same!\n:one: :star:\n## Same 2\n:one: :star:\n## SAME\n:one: :star:\n" +
				"## " + strings.Repeat("long ", 30) + "\n:one: :star:\n" +
				"##\n:one: :star:\n",
			title: "T",
			talks: []talk{
				{Title: "Keynote: SOLID Go design", Stars: 1, Slug: "keynote-solid-go-design"},
				{Title: "Pățan's Café — Go & Ærø", Stars: 1, Slug: "patan-s-cafe-go-aro"},
				{Title: "日本語", Stars: 1, Slug: "talk-3"},
				{Title: "1984", Stars: 1, Slug: "talk-1984"},
				{Title: "Same", Stars: 1, Slug: "same"},
				{Title: "same!", Stars: 1, Slug: "same-2"},
				{Title: "Same 2", Stars: 1, Slug: "same-2-2"},
				{Title: "SAME", Stars: 1, Slug: "same-3"},
				{Title: strings.TrimSpace(strings.Repeat("long ", 30)), Stars: 1, Slug: strings.TrimSuffix(strings.Repeat("long-", 16), "-")},
				{Title: "Untitled talk", Stars: 1, Slug: "untitled-talk"},
			},
			warnings: []string{`notes: t.md:20: talk heading is empty; titled "Untitled talk"`},
		},
		{
			name:     "no title line",
			in:       "## Only talk\n:one: :star:\n",
			title:    "t",
			talks:    []talk{{Title: "Only talk", Stars: 1, Slug: "only-talk"}},
			warnings: []string{`notes: t.md: no "# " title line; using "t"`},
		},
		{
			name:  "headings need a space",
			in:    "#T\n# Title\n## Talk\n:one: :star:\n#hashtag\n###also not\n",
			title: "Title",
			talks: []talk{{Title: "Talk", Stars: 1, Slug: "talk", Body: "#hashtag\n###also not"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := notes.ParseNamed("t.md", strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ParseNamed: %v", err)
			}
			if doc.Title != tc.title {
				t.Errorf("Title = %q, want %q", doc.Title, tc.title)
			}
			var got []talk
			for i, tk := range doc.Talks {
				if tk.Number != i+1 {
					t.Errorf("talk %d has Number %d", i+1, tk.Number)
				}
				got = append(got, summary(tk))
			}
			if len(got) != len(tc.talks) {
				t.Errorf("got %d talks, want %d", len(got), len(tc.talks))
			}
			for i := range min(len(got), len(tc.talks)) {
				if !reflect.DeepEqual(got[i], tc.talks[i]) {
					t.Errorf("talk %d:\n got %#v\nwant %#v", i+1, got[i], tc.talks[i])
				}
			}
			var sections []string
			for _, s := range doc.Sections {
				sections = append(sections, s.Title)
			}
			if !reflect.DeepEqual(sections, tc.sections) {
				t.Errorf("sections = %q, want %q", sections, tc.sections)
			}
			var warnings []string
			for _, w := range doc.Warnings {
				warnings = append(warnings, w.String())
			}
			if !reflect.DeepEqual(warnings, tc.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tc.warnings)
			}
		})
	}
}

func TestParseImages(t *testing.T) {
	in := "# T\n## I\n![](https://i.example/1.jpg =512x)\n> A - https://a.example\n:one: :star:\n\n" +
		"![](https://i.example/2.jpg =450x) and ![alt\ttext](https://i.example/3.png =512x300)\n" +
		"- ![x](<https://i.example/4.png> \"title\" =x380)\n" +
		"```\n![](https://i.example/code.jpg =512x)\n```\n"
	doc, err := notes.ParseNamed("t.md", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []notes.Image{
		{URL: "https://i.example/1.jpg"},
		{URL: "https://i.example/2.jpg"},
		{Alt: "alt text", URL: "https://i.example/3.png"},
		{Alt: "x", URL: "https://i.example/4.png"},
	}
	if got := doc.Talks[0].Images; !reflect.DeepEqual(got, want) {
		t.Errorf("Images = %+v\nwant %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	const shape = `a talk is a "## Title" heading followed by a "> Speaker - https://..." line and a rating line such as ":three: :star: :star: :star:"`
	for _, tc := range []struct {
		name    string
		in      string
		want    string
		noTalks bool
	}{
		{"empty", "", "notes: t.md: empty file; " + shape, true},
		{"blank lines only", "\n \n\t\n", "notes: t.md: empty file; " + shape, true},
		{"control characters only", "\x1b\x07\r\n\x00", "notes: t.md: empty file; " + shape, true},
		{"title only", "# Notes\n\nsome text\n", "notes: t.md: no talks; " + shape, true},
		{"sections without rating", "# Notes\n## A\n> Ann - https://a.example\n\ntext\n## B\n", `notes: t.md: no talks: none of the 2 "## " sections has a rating line; ` + shape, true},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "notes: t.md: no talks; " + shape, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := notes.ParseNamed("t.md", strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("ParseNamed = %d talks, want error", len(doc.Talks))
			}
			if doc != nil {
				t.Errorf("document returned with an error")
			}
			if err.Error() != tc.want {
				t.Errorf("error = %q\nwant    %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line")
			}
			var pe *notes.Error
			if !errors.As(err, &pe) || pe.Name != "t.md" {
				t.Errorf("error is not a *notes.Error naming t.md: %#v", err)
			}
			if got := errors.Is(err, notes.ErrNoTalks); got != tc.noTalks {
				t.Errorf("errors.Is(err, ErrNoTalks) = %v, want %v", got, tc.noTalks)
			}
		})
	}

	t.Run("read error", func(t *testing.T) {
		cause := errors.New("disk on fire")
		_, err := notes.ParseNamed("t.md", iotest.ErrReader(cause))
		if err == nil || err.Error() != "notes: t.md: disk on fire" {
			t.Errorf("error = %v, want notes: t.md: disk on fire", err)
		}
		if !errors.Is(err, cause) || errors.Is(err, notes.ErrNoTalks) {
			t.Errorf("error does not wrap the cause alone: %v", err)
		}
	})

	t.Run("directory", func(t *testing.T) {
		f, err := os.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_, err = notes.Parse(f)
		var pe *notes.Error
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "notes: "+filepath.Base(f.Name())+": read: ") {
			t.Errorf("error = %v, want notes: <dir>: read: ...", err)
		}
	})
}

// TestParseName checks Parse names errors after a file's base name.
func TestParseName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talks.md")
	in := "# T\n## Talk\n> A - https://a.example\n:two: :star:\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := notes.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != "talks.md" {
		t.Errorf("Name = %q, want talks.md", doc.Name)
	}
	want := []string{"notes: talks.md:4: rating line says :two: but has 1 :star:; using 1"}
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings = %q, want %q", got, want)
	}

	// Without a name, positions still read well.
	_, err = notes.Parse(strings.NewReader(""))
	if err == nil || !strings.HasPrefix(err.Error(), "notes: empty file;") {
		t.Errorf("unnamed error = %v", err)
	}
}

// TestParseHuge checks sizes that break line scanners with small buffers
// or quadratic scans: a 10 MB line and a line of a million image openers
// under -long; a 1 MB line and 256 Ki openers otherwise (both far past a
// scanner's 64 KB buffer, and quadratic at that size takes minutes).
func TestParseHuge(t *testing.T) {
	size, openers := sizeFor(1<<20, 10<<20), sizeFor(1<<18, 1<<20)
	long := strings.Repeat("go ", size/3)
	in := "# T\n## " + long + "\n> " + long + " - https://a.example\n:one: :star:\n" + long + "\n" +
		strings.Repeat("![", openers) + strings.Repeat("](", openers) + "\n"
	doc, err := notes.ParseNamed("t.md", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	tk := doc.Talks[0]
	// Title and speaker are cut at MaxFieldBytes (TestHugeTitleIsCut).
	if len(tk.Title) != notes.MaxFieldBytes || len(tk.Speaker) != notes.MaxFieldBytes || tk.SpeakerURL != "https://a.example" {
		t.Errorf("title/speaker of %d/%d bytes, want %d", len(tk.Title), len(tk.Speaker), notes.MaxFieldBytes)
	}
	if len(tk.Slug) > 80 || !strings.HasPrefix(tk.Slug, "go-go-") {
		t.Errorf("Slug = %q", tk.Slug)
	}
	if want := len(long) + 1 + 4*openers; len(tk.Body) != want {
		t.Errorf("Body has %d bytes, want %d", len(tk.Body), want)
	}
}

// BenchmarkParse parses the embedded notes (talks=21) and generated files
// of the same shape. (A benchmark with sub-benchmarks reports no figure
// of its own, so the embedded notes are a sub-benchmark too.)
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{21, 100000} {
		b.Run(fmt.Sprintf("talks=%d", n), func(b *testing.B) {
			src := benchSource(b, n)
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := notes.ParseNamed(data.Name, bytes.NewReader(src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestParseHostileFixture parses testdata/hostile.md: terminal escape
// sequences (CSI, OSC 0/8/52, DCS), raw and encoded C1 controls, bidi
// overrides, zero-width characters, invalid UTF-8 and CRLF line endings.
func TestParseHostileFixture(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "hostile.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := notes.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)

	if want := "Hostile ]0;retitlednotes"; doc.Title != want {
		t.Errorf("Title = %q, want %q", doc.Title, want)
	}
	wantSection := notes.Section{
		Title:    "About [1;31mus[0m",
		Markdown: "Clipboard: ]52;c;cm0gLXJmIH4K and P+q544e\\ DCS, \uFFFD2J raw C1 byte, 2J encoded C1, 0;t OSC.",
		Line:     3,
	}
	if len(doc.Sections) != 1 || doc.Sections[0] != wantSection {
		t.Errorf("Sections = %#v\nwant [%#v]", doc.Sections, wantSection)
	}
	want := []talk{
		{
			Title:   "Cursor [2J[H[10;10Hgames",
			Speaker: "Mal[8mlory[28m evil, ]8;;file:///etc/passwdhttps://link.example]8;;",
			URL:     "https://m.example/]8;;javascript:alert(1)\\x]8;;\\",
			Stars:   3,
			Slug:    "cursor-2j-h-10-10hgames",
			Body: "- OSC 8 link: ]8;;javascript:alert(1)\\click me]8;;\\\n" +
				"- bell  backspace  NUL  DEL  vertical tab  form feed  lone CR \n!\n" +
				"- bidi: isolate override, zero width: a\u200bb\n" +
				"- invalid UTF-8: \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD \uFFFD\n" +
				"```\n[31m## not a section in code\n```",
		},
		{Title: "Zerowidth title", Speaker: "Ann Lee", URL: "https://a.example", Stars: 1, Slug: "zerowidth-title"},
	}
	if len(doc.Talks) != len(want) {
		t.Fatalf("got %d talks, want %d", len(doc.Talks), len(want))
	}
	for i, w := range want {
		if got := summary(doc.Talks[i]); !reflect.DeepEqual(got, w) {
			t.Errorf("talk %d:\n got %#v\nwant %#v", i+1, got, w)
		}
	}
	for _, s := range []string{doc.AboutMarkdown(), doc.Talks[0].Markdown(), doc.Talks[1].Markdown()} {
		if strings.ContainsAny(s, "\x1b\x07\x00\r\u009b\u009d\u202e\u2066") {
			t.Errorf("markdown output holds a control character: %q", s)
		}
	}
}

// TestParseCROnlyLineEndings: a file saved with classic Mac OS line
// endings (a lone "\r", which CommonMark counts as a line end) once gave
// "no talks": the CRs were removed and the file became one line.
func TestParseCROnlyLineEndings(t *testing.T) {
	src := "# Mac notes\r\r## Win\r> Ann Lee - https://a.example\r\r:two: :star: :star:\r\r### Part\rline one\rline two\r"
	doc, err := notes.ParseNamed("mac.md", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Mac notes" {
		t.Errorf("Title = %q, want %q", doc.Title, "Mac notes")
	}
	want := talk{Title: "Win", Speaker: "Ann Lee", URL: "https://a.example", Stars: 2, Slug: "win",
		Body: "### Part\nline one\nline two", Headings: []string{"3 Part 8"}}
	if len(doc.Talks) != 1 {
		t.Fatalf("%d talks, want 1", len(doc.Talks))
	}
	if got := summary(doc.Talks[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("talk:\n got %#v\nwant %#v", got, want)
	}
	if doc.Talks[0].Line != 3 {
		t.Errorf("Line = %d, want 3", doc.Talks[0].Line)
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings: %v", doc.Warnings)
	}
}

// TestTitleFallbackIsTheBaseName: without a "# " line the title was the
// whole path the notes were read from (/home/ann/notes/talks.md); it is
// the file's base name without its extension.
func TestTitleFallbackIsTheBaseName(t *testing.T) {
	tests := []struct{ name, file, title string }{
		{"absolute path", "/home/ann/notes/talks.md", "talks"},
		{"relative path", "notes/2024/gophercon.md", "gophercon"},
		{"a name shown escaped", `/tmp/evil\x1b]0;X\a.md`, `evil\x1b]0;X\a`},
		{"URL", "https://notes.example/s/abc123", "abc123"},
		{"no name", "", "Notes"},
		{"only a directory", "/", "Notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := notes.ParseNamed(tt.file, strings.NewReader("## Only talk\n:one: :star:\n"))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
		})
	}
}

// TestHugeTitleIsCut: a title of 10 MB cost every keystroke of the
// browser 75 ms and made each message quoting it long. A title or
// speaker over notes.MaxFieldBytes is cut there, at a character, with
// "…" and a warning.
func TestHugeTitleIsCut(t *testing.T) {
	long := strings.Repeat("Pățan ", 2<<20/8)
	in := "# " + long + "\n\n## " + long + "\n> " + long + " - https://a.example\n\n:one: :star:\n\nnotes\n"
	doc, err := notes.ParseNamed("t.md", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"document title": doc.Title, "title": doc.Talks[0].Title, "speaker": doc.Talks[0].Speaker} {
		if len(got) > notes.MaxFieldBytes || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
			t.Errorf("%s: %d bytes ending %q; want at most %d bytes of the start, cut at a character, with …", name, len(got), got[max(0, len(got)-12):], notes.MaxFieldBytes)
		}
	}
	var warnings []string
	for _, w := range doc.Warnings {
		warnings = append(warnings, w.String())
	}
	n := len(strings.TrimSpace(long))
	want := []string{
		fmt.Sprintf("notes: t.md:1: title is %d bytes; cut to 1000", n),
		fmt.Sprintf("notes: t.md:3: title is %d bytes; cut to 1000", n),
		fmt.Sprintf("notes: t.md:3: speaker is %d bytes; cut to 1000", n),
	}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", warnings, want)
	}
}
