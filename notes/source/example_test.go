package source_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/source"
)

// A source gives bytes; notes.ParseNamed makes them a document, under the
// source's display name.
func Example() {
	piped := strings.NewReader("# Live notes\n\n## Keynote: SOLID Go design\n> Dave Cheney\n\n:eight: :star:\n")
	src, err := source.New("-", source.Options{Stdin: piped})
	if err != nil {
		fmt.Println(err)
		return
	}
	snap, err := src.Load(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(snap.Data))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(src.Kind(), src.Name(), doc.Title, len(doc.Talks), doc.Talks[0].Title)
	if _, err := src.Watch(context.Background(), 0); err != nil {
		fmt.Println(err)
	}
	// Output:
	// stdin stdin Live notes 1 Keynote: SOLID Go design
	// source: stdin: standard input is read once; there is nothing to watch
}

func ExampleDownloadURL() {
	for _, u := range []string{
		"https://hackmd.io/c9KxNsNyRmWqZuQfWKUw1A?view#Keynote",
		"https://demo.hedgedoc.org/s/golanguk-2016",
		"https://hackmd.io/c9KxNsNyRmWqZuQfWKUw1A/download",
		"https://example.com/golanguk/notes.md?raw=1",
		"ftp://example.com/notes.md",
	} {
		d, err := source.DownloadURL(u)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d)
	}
	// Output:
	// https://hackmd.io/c9KxNsNyRmWqZuQfWKUw1A/download
	// https://demo.hedgedoc.org/s/golanguk-2016/download
	// https://hackmd.io/c9KxNsNyRmWqZuQfWKUw1A/download
	// https://example.com/golanguk/notes.md?raw=1
	// source: "ftp://example.com/notes.md": only http and https URLs can be read
}
