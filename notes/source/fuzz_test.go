package source_test

import (
	"net/url"
	"strings"
	"testing"

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
			if msg := err.Error(); !strings.HasPrefix(msg, "source: ") || strings.ContainsAny(msg, "\n\r\x1b\x9b") {
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
