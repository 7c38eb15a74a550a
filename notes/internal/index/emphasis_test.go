package index_test

import (
	"testing"

	"github.com/golanguk/golanguk/notes/internal/index"
)

func TestSearchText(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"bold first letter", "- **L**iskov substitution", "- **Liskov substitution"},
		{"italic inside", "a*b*c", "abc"},
		{"strong emphasis inside", "un***be***lievable", "unbelievable"},
		{"strikethrough inside", "~~cr~~ossed", "~~crossed"},
		{"accented letters", "É**t**é", "Été"},
		{"underscore is no emphasis inside a word", "snake_case __x__y", "snake_case __x__y"},
		{"markers between words", "2 * 3 and **bold** text", "2 * 3 and **bold** text"},
		{"a single tilde is kept", "a~b", "a~b"},
		{"four stars are kept", "a****b", "a****b"},
		{"at the ends", "**a**", "**a**"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := index.SearchText(tt.body); got != tt.want {
				t.Errorf("SearchText(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

// FuzzSearchText: the text is the body less some "*" and "~", and its
// offsets point at the very bytes it keeps, in order.
func FuzzSearchText(f *testing.F) {
	for _, s := range []string{"**L**iskov", "a*b*c", "~~x~~y", "É**t**é", "\xff**a", "a**\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		text, offs := index.SearchTextMap(body, true)
		if offs == nil {
			if text != body {
				t.Fatalf("no offsets, but %q != %q", text, body)
			}
			return
		}
		if len(offs) != len(text) {
			t.Fatalf("%d offsets for %d bytes", len(offs), len(text))
		}
		last := -1
		for k := range len(text) {
			o := int(offs[k])
			if o <= last || o >= len(body) || body[o] != text[k] {
				t.Fatalf("byte %d of %q at %d of %q", k, text, o, body)
			}
			for _, c := range []byte(body[last+1 : o]) {
				if c != '*' && c != '~' {
					t.Fatalf("%q dropped %q", body, c)
				}
			}
			last = o
		}
		if index.SearchText(body) != text {
			t.Fatalf("SearchText and SearchTextMap differ on %q", body)
		}
	})
}
