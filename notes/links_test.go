package notes_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

const (
	aidLink  = notes.KindLink
	aidImage = notes.KindImage
)

// TestAllLinksRealNotes checks the links of talks of the embedded notes
// against tables written by reading data/golanguk-2016.md. Line is the
// line in the Body (file line - (rating line + 1)); 0 is the talk header.
func TestAllLinksRealNotes(t *testing.T) {
	const sp = "http://golanguk.com/speakers/#"
	type l = notes.Link
	tests := []struct {
		talk int
		want []l
	}{
		// Rating line 37: body line = file line - 38.
		{1, []l{
			{1, "http://i.imgur.com/1d1nzZ9.jpg", "", aidImage, false, 0},
			{2, sp + "dave-cheney", "Dave Cheney", aidLink, true, 0},
			{3, "https://github.com/mvdan/interfacer", "Related tool https://github.com/mvdan/interfacer", aidLink, false, 24},
		}},
		// Rating line 74: file line - 75.
		{2, []l{
			{1, sp + "peter-bourgon", "Peter Bourgon", aidLink, true, 0},
			{2, "http://gokit.io", "http://gokit.io - A toolkit for microservices", aidLink, false, 1},
			{3, "https://github.com/go-kit/kit/blob/master/examples/addsvc/transport_grpc.go",
				"gRPC https://github.com/go-kit/kit/blob/master/examples/addsvc/transport_grpc.go", aidLink, false, 49},
			{4, "https://i.imgur.com/QnEYGkv.png", "", aidImage, false, 57}, // "=512x300" dropped
		}},
		// Rating line 179: file line - 180. Line 219 is 106 runes long.
		{4, []l{
			{1, "http://i.imgur.com/KqPoebX.jpg", "", aidImage, false, 0},
			{2, sp + "matthew-campbell", "Matthew Cambell", aidLink, true, 0},
			{3, "http://i.imgur.com/GrsapRr.jpg", "", aidImage, false, 8},
			{4, "http://swagger.io/specification/", "schemas + codegen rule. Alternative http://swagger.io/specification/", aidLink, false, 17},
			{5, "http://opentsdb.net/", "…prometheus is pull-oriented they don't crash a push system like they did with http://opentsdb.net/", aidLink, false, 39},
			{6, "http://i.imgur.com/Y8B9Ksw.jpg", "", aidImage, false, 41},
		}},
		// A second "> https://..." line in the speaker block.
		{9, []l{
			{1, "https://i.imgur.com/sOHTgfK.jpg", "", aidImage, false, 0},
			{2, sp + "piyush-verma", "Piyush Verma", aidLink, true, 0},
			{3, "https://github.com/gilmour-libs/gilmour", "https://github.com/gilmour-libs/gilmour", aidLink, true, 0},
		}},
		// "github.com/nickng/dingo-hunter" has neither a scheme nor "www.":
		// GFM does not make it a link.
		{10, []l{
			{1, sp + "nicholas-ng", "Nicholas Ng", aidLink, true, 0},
		}},
		// Rating line 489: file line - 490. Line 530 continues the list
		// item of line 529; the line around the URL is line 530 alone.
		{12, []l{
			{1, "https://i.imgur.com/2WIFJuP.jpg", "", aidImage, false, 0},
			{2, sp + "slawosz-slawinski", "Slawosz Slawinski", aidLink, true, 0},
			{3, "http://research.google.com/pubs/pub36356.html", "http://research.google.com/pubs/pub36356.html", aidLink, false, 40},
		}},
		// Rating line 535: file line - 536.
		{13, []l{
			{1, sp + "eleanor-mchugh", "Eleanor McHugh", aidLink, true, 0},
			{2, "https://en.wikipedia.org/wiki/Threaded_code#Indirect_threading", "https://en.wikipedia.org/wiki/Threaded_code#Indirect_threading", aidLink, false, 50},
			{3, "https://en.wikipedia.org/wiki/Transport_triggered_architecture", "https://en.wikipedia.org/wiki/Transport_triggered_architecture", aidLink, false, 57},
			{4, "https://en.wikipedia.org/wiki/Parent_pointer_tree", "cactus stack: https://en.wikipedia.org/wiki/Parent_pointer_tree", aidLink, false, 68},
		}},
		// Rating line 628: file line - 629. Line 634 is 122 runes long.
		{15, []l{
			{1, sp + "carlisia-campos", "Carlisia Campos", aidLink, true, 0},
			{2, "http://bridgefoundry.org/", "http://bridgefoundry.org/", aidLink, false, 1},
			{3, "https://golangbridge.org/", "https://golangbridge.org/", aidLink, false, 2},
			{4, "https://changelog.com/gotime-6/", "must listen https://changelog.com/gotime-6/", aidLink, false, 3},
			{5, "https://codecombat.com/about", "code combat https://codecombat.com/about to help people learn Go. If interested talk with William…", aidLink, false, 5},
		}},
		// Rating line 795: file line - 796. Issue 12: "talk 19 has
		// links: [], though its notes link to two URLs".
		{19, []l{
			{1, sp + "dave-cheney", "Dave Cheney", aidLink, true, 0},
			{2, "https://github.com/pkg/profile", "https://github.com/pkg/profile", aidLink, false, 30},
			{3, "https://developer.apple.com/library/tvos/documentation/DeveloperTools/Conceptual/InstrumentsUserGuide", "this apple tool", aidLink, false, 36},
		}},
		// Rating line 849: file line - 850. The comma after the URL of line
		// 861 is not part of it; line 851 is 138 runes long.
		{20, []l{
			{1, sp + "víctor-ruiz", "Victor Ruiz", aidLink, true, 0},
			{2, "https://texlution.com/", "https://texlution.com/", aidLink, true, 0},
			{3, "https://engineering.linkedin.com/distributed-systems/log-what-every-software-engineer-should-know-about-real-time-datas-unifying",
				"Good read https://engineering.linkedin.com/distributed-systems/log-what-every-software-engineer-shou…", aidLink, false, 1},
			{4, "https://kafka.apache.org/08/design.html", `see https://kafka.apache.org/08/design.html, "Constant Time Suffices"`, aidLink, false, 11},
			{5, "https://github.com/ninibe/netlog/tree/master/biglog", "result: BigLog https://github.com/ninibe/netlog/tree/master/biglog", aidLink, false, 21},
		}},
	}
	doc := aidsDoc(t)
	for _, tt := range tests {
		tk := doc.Talks[tt.talk-1]
		t.Run(tk.Slug, func(t *testing.T) {
			got := tk.AllLinks()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("talk %d AllLinks():\n got %s\nwant %s", tt.talk, showLinks(got), showLinks(tt.want))
			}
			for _, l := range got {
				if !l.Openable() {
					t.Errorf("talk %d: %s is not Openable", tt.talk, l.URL)
				}
			}
		})
	}
}

func showLinks(ls []notes.Link) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("\n\t")
		b.WriteString(strings.Join([]string{
			"#" + string(rune('0'+l.Number%10)), l.Kind.String(), l.URL, "«" + l.Text + "»",
			map[bool]string{true: "speaker", false: ""}[l.Speaker], "line " + itoa(l.Line)}, " "))
	}
	return b.String()
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestAllLinks(t *testing.T) {
	type l = notes.Link
	long := strings.Repeat("lorem ", 20) + "https://a.example/x" + strings.Repeat(" ipsum", 10)
	tests := []struct {
		name string
		body string
		want []l
	}{
		{"inline, autolink, bare URLs, image and reference links in reading order",
			"See [the docs](https://go.dev/doc/) and <https://pkg.go.dev>.\n" +
				"Bare https://example.com/a, then www.example.org.\n" +
				"![a gopher](img/gopher.png \"title\")\n" +
				"[ref link][r] and [r]\n" +
				"\n" +
				"[r]: https://example.com/ref\n",
			[]l{
				{1, "https://go.dev/doc/", "the docs", aidLink, false, 1},
				{2, "https://pkg.go.dev", "See the docs and https://pkg.go.dev.", aidLink, false, 1},
				{3, "https://example.com/a", "Bare https://example.com/a, then www.example.org.", aidLink, false, 2},
				{4, "http://www.example.org", "Bare https://example.com/a, then www.example.org.", aidLink, false, 2},
				{5, "img/gopher.png", "a gopher", aidImage, false, 3},
				{6, "https://example.com/ref", "ref link", aidLink, false, 4},
			}},
		{"links in code spans and code blocks are not links",
			"`[x](https://a.example)` and `https://b.example`\n\n```\nhttps://c.example\n```\n\n    https://d.example\n",
			nil},
		{"an image inside a link: the link, then the image",
			"[![CI](https://ci.example/badge.svg)](https://ci.example/)\n",
			[]l{
				{1, "https://ci.example/", "CI", aidLink, false, 1},
				{2, "https://ci.example/badge.svg", "CI", aidImage, false, 1},
			}},
		{"trailing punctuation is not part of a bare URL",
			"(see https://a.example/x). Also https://b.example/y?q=1! And https://c.example/z_(w)\n",
			[]l{
				{1, "https://a.example/x", "(see https://a.example/x). Also https://b.example/y?q=1! And https://c.example/z_(w)", aidLink, false, 1},
				{2, "https://b.example/y?q=1", "(see https://a.example/x). Also https://b.example/y?q=1! And https://c.example/z_(w)", aidLink, false, 1},
				{3, "https://c.example/z_(w)", "(see https://a.example/x). Also https://b.example/y?q=1! And https://c.example/z_(w)", aidLink, false, 1},
			}},
		{"e-mail addresses, bare and in angle brackets",
			"write to ann@example.com or <bob@example.com>\n",
			[]l{
				{1, "mailto:ann@example.com", "write to ann@example.com or bob@example.com", aidLink, false, 1},
				{2, "mailto:bob@example.com", "write to ann@example.com or bob@example.com", aidLink, false, 1},
			}},
		{"a URL is listed once, where it first appears",
			"[one](https://a.example) https://a.example\n![pic](https://a.example)\n[two](https://b.example)\n",
			[]l{
				{1, "https://a.example", "one", aidLink, false, 1},
				{2, "https://b.example", "two", aidLink, false, 3},
			}},
		{"a link without text is told by its line",
			"- look: [](https://a.example) here\n",
			[]l{{1, "https://a.example", "look: here", aidLink, false, 1}}},
		{"escapes and character references in destinations",
			"[a](https://a.example/x\\_y?b=1&amp;c=2) [b](<https://b.example/with space>)\n",
			[]l{
				{1, "https://a.example/x_y?b=1&c=2", "a", aidLink, false, 1},
				{2, "https://b.example/with space", "b", aidLink, false, 1},
			}},
		{"markup in link text is dropped",
			"[**bold** `code` _it_](https://a.example)\n",
			[]l{{1, "https://a.example", "bold code it", aidLink, false, 1}}},
		{"a long line is cut around its URL, at spaces",
			"para\n\n" + long + "\n",
			[]l{{1, "https://a.example/x", "…lorem lorem lorem https://a.example/x" + strings.Repeat(" ipsum", 10), aidLink, false, 3}}},
		{"a long link text is cut",
			"[" + strings.Repeat("word ", 30) + "](https://a.example)\n",
			[]l{{1, "https://a.example", strings.TrimSpace(strings.Repeat("word ", 20)) + "…", aidLink, false, 1}}},
		{"links in headings, lists, quotes and tables",
			"### see [h](https://h.example)\n- [li](https://li.example)\n> [q](https://q.example)\n\n| a | b |\n|---|---|\n| [c](https://c.example) | x |\n",
			[]l{
				{1, "https://h.example", "h", aidLink, false, 1},
				{2, "https://li.example", "li", aidLink, false, 2},
				{3, "https://q.example", "q", aidLink, false, 3},
				{4, "https://c.example", "c", aidLink, false, 7},
			}},
		{"control and format characters never reach a text or a URL",
			"[a\x1bb\u202e](https://a.example/\x1b[0m) https://b.example/\u200bz\n",
			[]l{
				{1, "https://a.example/[0m", "ab", aidLink, false, 1},
				{2, "https://b.example/", "ab https://b.example/z", aidLink, false, 1}, // GFM ends the URL at U+200B
			}},
		{"a definition that is never used is no link",
			"text\n\n[r]: https://a.example\n",
			nil},
		{"a line is read up to 4 KB",
			"[a](https://a.example) " + strings.Repeat("x", 5000) + " https://b.example\nnext https://c.example\n",
			[]l{
				{1, "https://a.example", "a", aidLink, false, 1},
				{2, "https://c.example", "next https://c.example", aidLink, false, 2},
			}},
		{"no links", "plain text: nothing [here] <not a link>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := &notes.Talk{Title: "T", Body: tt.body}
			got := tk.AllLinks()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("AllLinks() of %q:\n got %s\nwant %s", tt.body, showLinks(got), showLinks(tt.want))
			}
		})
	}
}

// TestAllLinksHeader checks the links of a talk header: the photo, the
// speaker's URL and a further "> https://..." line, before the notes,
// which link to the speaker's page again and to the repository's.
func TestAllLinksHeader(t *testing.T) {
	src := "# N\n\n" +
		"## T\n" +
		"![me](https://img.example/me.jpg =200x)\n" +
		"> Ann Lee - Team - https://ann.example/\n" +
		"> https://repo.example/x\n" +
		"\n" +
		":one: :star:\n" +
		"\n" +
		"Ann's page again: https://ann.example/ and [repo](https://repo.example/y).\n" +
		"![](javascript:alert(1))\n"
	doc, err := notes.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	type l = notes.Link
	want := []l{
		{1, "https://img.example/me.jpg", "me", aidImage, false, 0},
		{2, "https://ann.example/", "Ann Lee", aidLink, true, 0},
		{3, "https://repo.example/x", "https://repo.example/x", aidLink, true, 0},
		{4, "https://repo.example/y", "repo", aidLink, false, 1},
		{5, "javascript:alert(1)", "", aidImage, false, 2},
	}
	got := doc.Talks[0].AllLinks()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AllLinks():\n got %s\nwant %s", showLinks(got), showLinks(want))
	}
	if len(got) == len(want) && got[4].Openable() {
		t.Errorf("%s is Openable", got[4].URL)
	}
}

func TestLinkOpenable(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"http://a.example", true},
		{"HTTPS://A.EXAMPLE/x?y=1#z", true},
		{"mailto:ann@example.com", true},
		{"MailTo:ann@example.com", true},
		{"https://", false},
		{"http:foo", false},
		{"mailto:", false},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"data:text/html,<b>x</b>", false},
		{"../notes.md", false},
		{"#the-solid-principles", false},
		{"//a.example/x", false},
		{"ftp://a.example", false},
		{"http://a b.example", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := (notes.Link{URL: tt.url}).Openable(); got != tt.want {
			t.Errorf("Link{URL: %q}.Openable() = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestLinkKindText(t *testing.T) {
	for k, want := range map[notes.LinkKind]string{notes.KindLink: "link", notes.KindImage: "image"} {
		if got, _ := k.MarshalText(); string(got) != want || k.String() != want {
			t.Errorf("kind %d: MarshalText %q, String %q, want %q", k, got, k.String(), want)
		}
	}
}

// TestAidsJSON checks the JSON form of an outline entry and a link, as
// `show --format json` will print them.
func TestAidsJSON(t *testing.T) {
	e, err := json.Marshal(notes.OutlineEntry{Level: 3, Title: "The SOLID principles", Anchor: "the-solid-principles", Line: 1})
	if want := `{"level":3,"title":"The SOLID principles","anchor":"the-solid-principles","line":1}`; err != nil || string(e) != want {
		t.Errorf("OutlineEntry JSON = %s, %v; want %s", e, err, want)
	}
	l, err := json.Marshal(notes.Link{Number: 2, URL: "https://a.example", Text: "Ann", Kind: notes.KindImage, Speaker: true})
	if want := `{"number":2,"url":"https://a.example","text":"Ann","kind":"image","speaker":true,"line":0}`; err != nil || string(l) != want {
		t.Errorf("Link JSON = %s, %v; want %s", l, err, want)
	}
}
