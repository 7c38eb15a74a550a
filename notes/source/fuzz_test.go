package source_test

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/source"
)

func FuzzDownloadURL(f *testing.F) {
	for _, s := range []string{
		"https://hackmd.io/abc123?view#x", "https://hackmd.io/s/abc/", "https://hackmd.io/@u/n",
		"http://localhost:3000/abc/download?x", "https://example.com/notes.md", "https://a.example",
		"ftp://x/y", "https://", "https:abc", "HTTPS://Host/%E2%9C%93", "https://u:p@h/a",
		"https://[::1]:80/x", "https://h/a%2Fb", "https://h/\x1b", "http://h/a;b?c#d", "-", "notes.md",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := source.DownloadURL(in)
		if err != nil {
			if out != "" {
				t.Fatalf("DownloadURL(%q) = %q with error %v", in, out, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "source: ") || strings.ContainsAny(msg, "\n\r\x1b\u009b") {
				t.Fatalf("DownloadURL(%q) error %q is not one clean line", in, msg)
			}
			return
		}
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("DownloadURL(%q) = %q, which does not parse: %v", in, out, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.Fragment != "" {
			t.Fatalf("DownloadURL(%q) = %q: not an http(s) URL with a host and no fragment", in, out)
		}
		again, err := source.DownloadURL(out)
		if err != nil || again != out {
			t.Fatalf("DownloadURL(%q) = %q, but DownloadURL of that = %q, %v", in, out, again, err)
		}
	})
}

// Whatever the file name or URL, Name and URL are safe on a terminal:
// valid UTF-8 with no control or format characters (ESC, CSI, the
// bidirectional overrides).
func FuzzName(f *testing.F) {
	for _, s := range []string{
		"talks.md", "-", "evil\x1b]0;x\a.md", "caf\xe9.md", "a\u202eb", "\u009b31m", "https://h/\u202e",
		"https://u:p@hackmd.io/abc?x#y", "https://h/%1b%5b2J", "Pățan.md", "\u200d\ufeff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := source.New(in, source.Options{})
		if err != nil {
			return
		}
		for _, out := range []string{s.Name(), s.URL()} {
			if !utf8.ValidString(out) {
				t.Fatalf("New(%q): %q is not valid UTF-8", in, out)
			}
			for _, r := range out {
				if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
					t.Fatalf("New(%q): %q holds %U", in, out, r)
				}
			}
		}
		if s.Kind() == source.URL && strings.Contains(s.Name()+s.URL(), "@") && strings.Contains(in, ":p@") {
			t.Fatalf("New(%q): the password shows in %q or %q", in, s.Name(), s.URL())
		}
	})
}
