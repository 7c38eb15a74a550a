package source_test

import (
	"testing"

	"github.com/golanguk/golanguk/notes/source"
)

func TestDownloadURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"note", "https://hackmd.io/abc123DEF", "https://hackmd.io/abc123DEF/download"},
		{"note view query", "https://hackmd.io/abc123?view", "https://hackmd.io/abc123/download"},
		{"note query and fragment", "https://hackmd.io/abc123?both#Keynote-SOLID", "https://hackmd.io/abc123/download"},
		{"note trailing slash", "https://hackmd.io/abc123/", "https://hackmd.io/abc123/download"},
		{"published note", "https://demo.hedgedoc.org/s/Xy9_-z", "https://demo.hedgedoc.org/s/Xy9_-z/download"},
		{"published note trailing slash", "https://demo.hedgedoc.org/s/Xy9/", "https://demo.hedgedoc.org/s/Xy9/download"},
		{"hackmd user note", "https://hackmd.io/@golanguk/notes-2016?view", "https://hackmd.io/@golanguk/notes-2016/download"},
		{"local hedgedoc with port", "http://localhost:3000/golanguk-2016", "http://localhost:3000/golanguk-2016/download"},
		{"scheme and host lower-cased", "HTTPS://HackMD.IO/AbC", "https://hackmd.io/AbC/download"},
		{"escaped id", "https://host.example/%E2%9C%93", "https://host.example/%E2%9C%93/download"},
		{"user and password kept for the fetch", "https://ann:pw@host.example/abc", "https://ann:pw@host.example/abc/download"},
		{"download kept", "https://hackmd.io/abc123/download", "https://hackmd.io/abc123/download"},
		{"published download kept", "https://hackmd.io/s/abc/download", "https://hackmd.io/s/abc/download"},
		{"download keeps its query", "https://hackmd.io/s/abc/download?x=1#f", "https://hackmd.io/s/abc/download?x=1"},
		{"markdown file as it is", "https://example.com/notes.md?raw=1#top", "https://example.com/notes.md?raw=1"},
		{"markdown extension deep", "https://example.com/talks/2016/golanguk.markdown", "https://example.com/talks/2016/golanguk.markdown"},
		{"text file", "https://example.com/notes.txt", "https://example.com/notes.txt"},
		{"raw file host", "https://gist.githubusercontent.com/abc", "https://gist.githubusercontent.com/abc"},
		{"github raw", "https://raw.githubusercontent.com/golanguk/notes/main/README", "https://raw.githubusercontent.com/golanguk/notes/main/README"},
		{"deep path", "https://example.com/a/b/c", "https://example.com/a/b/c"},
		{"two segments not s", "https://example.com/p/abc", "https://example.com/p/abc"},
		{"bare host", "https://example.com", "https://example.com"},
		{"root", "https://example.com/", "https://example.com/"},
		{"empty segment", "https://example.com//abc", "https://example.com//abc"},
		{"lone at", "https://example.com/@/abc", "https://example.com/@/abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := source.DownloadURL(tt.in)
			if err != nil {
				t.Fatalf("DownloadURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("DownloadURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDownloadURLErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ftp", "ftp://host.example/notes.md", `source: "ftp://host.example/notes.md": only http and https URLs can be read`},
		{"file URL", "file:///etc/passwd", `source: "file:///etc/passwd": only http and https URLs can be read`},
		{"no scheme", "//host.example/abc", `source: "//host.example/abc": only http and https URLs can be read`},
		{"no host", "https:///abc", `source: "https:///abc": the URL has no host`},
		{"nothing after scheme", "https://", `source: "https://": the URL has no host`},
		{"opaque", "https:abc", `source: "https:abc": the URL has no host`},
		{"escape in path", "https://host.example/\x1b[2Jabc", `source: "https://host.example/\x1b[2Jabc" is not a valid URL`},
		{"space in host", "https://ho st/abc", `source: "https://ho st/abc" is not a valid URL`},
		{"bad escape", "https://host.example/%zz", `source: "https://host.example/%zz" is not a valid URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := source.DownloadURL(tt.in)
			if err == nil {
				t.Fatalf("DownloadURL(%q) = %q, want an error", tt.in, got)
			}
			if err.Error() != tt.want {
				t.Errorf("DownloadURL(%q) error\n got %s\nwant %s", tt.in, err, tt.want)
			}
		})
	}
}
