package notes_test

import (
	"fmt"
	"strings"

	"github.com/golanguk/golanguk/notes"
)

func Example() {
	const src = `# Conference notes

## Keynote: SOLID Go design
![](https://i.imgur.com/1d1nzZ9.jpg =512x)
> Dave Cheney - https://dave.cheney.net
> https://github.com/davecheney

:three: :star: :star: :star:

### The SOLID principles
- small interfaces

## Lunch

Pizza.
`
	doc, err := notes.ParseNamed("talks.md", strings.NewReader(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title)
	for _, t := range doc.Talks {
		fmt.Printf("%d %s (%s) by %s, %d stars, links %v\n", t.Number, t.Title, t.Slug, t.Speaker, t.Stars, t.Links)
		fmt.Printf("image %s, outline %q\n", t.Images[0].URL, t.Headings[0].Text)
	}
	fmt.Println("about:", doc.Sections[0].Title)
	// Output:
	// Conference notes
	// 1 Keynote: SOLID Go design (keynote-solid-go-design) by Dave Cheney, 3 stars, links [https://github.com/davecheney]
	// image https://i.imgur.com/1d1nzZ9.jpg, outline "The SOLID principles"
	// about: Lunch
}

func ExampleTalk_Markdown() {
	doc, _ := notes.ParseNamed("talks.md", strings.NewReader(`# Notes
## Building your own log-based message queue in Go
> Victor Ruiz- https://golanguk.com/speakers/#victor-ruiz

:eight: :star: :star: :star: :star: :star: :star: :star: :star:

- logs: ![](https://i.imgur.com/x.jpg =512x300)
`))
	fmt.Print(doc.Talks[0].Markdown())
	// Output:
	// # Building your own log-based message queue in Go
	//
	// > Victor Ruiz- https://golanguk.com/speakers/#victor-ruiz
	//
	// :eight: :star: :star: :star: :star: :star: :star: :star: :star:
	//
	// - logs: ![](https://i.imgur.com/x.jpg)
}

func ExampleParseNamed_error() {
	_, err := notes.ParseNamed("talks.md", strings.NewReader("# Notes\n\n## About\n\nNo talks here.\n"))
	fmt.Println(err)
	// Output:
	// notes: talks.md: no talks: the "## " section at line 3 has no rating line; a talk is a "## Title" heading followed by a "> Speaker - https://..." line and a rating line such as ":three: :star: :star: :star:"
}

func ExampleDocument_Lookup() {
	doc, _ := notes.ParseNamed("talks.md", strings.NewReader("# Notes\n## Real-Time Go\n:four: :star: :star: :star: :star:\n"))
	t, ok := doc.Lookup("REAL-TIME-GO")
	fmt.Println(t.Number, t.Title, ok)
	_, ok = doc.Lookup("2")
	fmt.Println(ok)
	// Output:
	// 1 Real-Time Go true
	// false
}
