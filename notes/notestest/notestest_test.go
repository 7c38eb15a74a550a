package notestest_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/notestest"
)

// ratingLine is the rating line of a talk: the number word and the stars.
var ratingLine = regexp.MustCompile(`^:([a-z]+):((?: :star:)+) ?$`)

var words = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9,
}

// rawTalk is a talk read straight from the generated text, without the
// notes parser, so these tests stand on their own.
type rawTalk struct {
	title   string
	speaker string
	word    string
	stars   int
	size    int
}

// scan splits a generated file into its "## " sections and reads each
// talk's header the way the format defines it.
func scan(t *testing.T, src []byte) (sections []string, talks []rawTalk) {
	t.Helper()
	for i, sec := range strings.Split(string(src), "\n## ")[1:] {
		lines := strings.Split(sec, "\n")
		title := lines[0]
		var tk rawTalk
		for j, l := range lines[1:] {
			if j > 6 {
				break
			}
			if strings.HasPrefix(l, "> ") && tk.speaker == "" {
				tk.speaker = l[2:]
			}
			if m := ratingLine.FindStringSubmatch(l); m != nil {
				tk.title, tk.word, tk.stars = title, m[1], strings.Count(m[2], ":star:")
				break
			}
		}
		if tk.title == "" {
			if len(talks) > 0 {
				t.Fatalf("section %d %q after a talk has no rating line", i, title)
			}
			sections = append(sections, title)
			continue
		}
		tk.size = len(sec)
		talks = append(talks, tk)
	}
	return sections, talks
}

func TestBytesShape(t *testing.T) {
	for _, n := range []int{0, 1, 21, 500} {
		t.Run(fmt.Sprintf("talks=%d", n), func(t *testing.T) {
			src := notestest.Bytes(n, 1)
			if !utf8.Valid(src) {
				t.Fatal("output is not valid UTF-8")
			}
			if !bytes.HasPrefix(src, []byte("\n# ")) {
				t.Errorf("output does not open with a \"# \" title: %q", src[:min(len(src), 40)])
			}
			for i, c := range src {
				if c < 0x20 && c != '\n' && c != '\t' {
					t.Fatalf("control character %#x at byte %d", c, i)
				}
			}
			sections, talks := scan(t, src)
			if want := []string{"About us", "Schedule"}; fmt.Sprint(sections) != fmt.Sprint(want) {
				t.Errorf("non-talk sections = %q, want %q", sections, want)
			}
			if len(talks) != n {
				t.Fatalf("got %d talks, want %d", len(talks), n)
			}
			for i, tk := range talks {
				if words[tk.word] != tk.stars {
					t.Errorf("talk %d %q: rating word %q but %d stars", i+1, tk.title, tk.word, tk.stars)
				}
				if tk.speaker == "" || !strings.Contains(tk.speaker, "http") {
					t.Errorf("talk %d %q: speaker line %q has no URL", i+1, tk.title, tk.speaker)
				}
				if tk.size < 500 || tk.size > 4000 {
					t.Errorf("talk %d %q: %d bytes, want a talk-sized body (0.5-4 KB)", i+1, tk.title, tk.size)
				}
			}
		})
	}
}

// TestBytesVaried checks that a large file uses the shapes the real notes
// have, so parsers and renderers meet all of them.
func TestBytesVaried(t *testing.T) {
	raw := notestest.Bytes(2000, 3)
	src := string(raw)
	_, talks := scan(t, raw)
	ratings := map[int]bool{}
	for _, tk := range talks {
		ratings[tk.stars] = true
	}
	if len(ratings) != 9 {
		t.Errorf("ratings used: %v, want all of 1..9", ratings)
	}
	shapes := []struct{ name, re string }{
		{"image with size suffix", `(?m)^!\[\]\(http://i\.imgur\.com/\w+\.jpg =512x\)$`},
		{"speaker with affiliation", `(?m)^> [^-\n]+ - Go team - https?://\S+$`},
		{"speaker without space before dash", `(?m)^> [^-\n]*[^ ]- https?://\S+$`},
		{"speaker line with trailing space", `(?m)^> [^\n]+ - https?://\S+ $`},
		{"second link line", `(?m)^> https://github\.com/\S+$`},
		{"accented speaker", `(?m)^> [^\n]*(Pățan|Björn|Víctor)`},
		{"### heading", `(?m)^### \S`},
		{"#### heading", `(?m)^#### \S`},
		{"list nested with tabs", "(?m)^\t+- \\S"},
		{"list nested with spaces", `(?m)^  +[-*] \S`},
		{"fenced go code", "(?m)^```go$"},
		{"code span", "`[^`\n]+`"},
		{"markdown link", `\[[^\]\n]+\]\(https://`},
		{"emoji shortcode", `:(smile|tada|rocket|bomb|fire):`},
		{"quotation in the body", `(?m)^> [a-z]`},
		{"numbered list", `(?m)^1\. \S`},
	}
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			if !regexp.MustCompile(s.re).MatchString(src) {
				t.Errorf("no match for %s", s.re)
			}
		})
	}
}

func TestBytesDeterministic(t *testing.T) {
	a := notestest.Bytes(200, 42)
	b := notestest.Bytes(200, 42)
	if !bytes.Equal(a, b) {
		t.Fatal("two calls with the same seed wrote different files")
	}
	var w bytes.Buffer
	if err := notestest.Write(&w, 200, 42); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, w.Bytes()) {
		t.Fatal("Write and Bytes differ for the same seed")
	}
	// A file of n talks is the start of a longer one, so a person can
	// cut a big file down and keep the same talks.
	if long := notestest.Bytes(300, 42); !bytes.HasPrefix(long, a) {
		t.Fatal("the file for 200 talks is not the start of the file for 300")
	}
}

func TestBytesSeedsDiffer(t *testing.T) {
	_, a := scan(t, notestest.Bytes(50, 1))
	_, b := scan(t, notestest.Bytes(50, 2))
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	if same > 2 {
		t.Errorf("%d of 50 talks identical for seeds 1 and 2", same)
	}
}

func TestWriteNegative(t *testing.T) {
	var w bytes.Buffer
	err := notestest.Write(&w, -1, 1)
	if err == nil || !strings.HasPrefix(err.Error(), "notestest: ") {
		t.Fatalf("Write(-1) error = %v, want a notestest: error", err)
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, fmt.Errorf("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	err := notestest.Write(&failWriter{after: 100 << 10}, 1000, 1)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("Write to a failing writer: error = %v, want disk full", err)
	}
}

func BenchmarkBytes(b *testing.B) {
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(notestest.Bytes(1000, 1))
	}
	b.SetBytes(int64(n))
}
