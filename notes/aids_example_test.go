package notes_test

import (
	"fmt"
	"strings"

	"github.com/golanguk/golanguk/notes"
)

const exampleAidsNotes = `# Notes

## Keynote: SOLID Go design
![](http://i.imgur.com/1d1nzZ9.jpg)
> Dave Cheney - http://golanguk.com/speakers/#dave-cheney

:eight: :star: :star: :star: :star: :star: :star: :star: :star:

### The **SOLID** principles
- Related tool https://github.com/mvdan/interfacer
- [a slide](javascript:alert(1))

` + "```go\n### not a heading: code\n```" + `

### Summary
`

func ExampleTalk_Outline() {
	doc, err := notes.Parse(strings.NewReader(exampleAidsNotes))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range doc.Talks[0].Outline() {
		fmt.Printf("%s%s  #%s  line %d\n", strings.Repeat("  ", e.Level-3), e.Title, e.Anchor, e.Line)
	}
	// Output:
	// The SOLID principles  #the-solid-principles  line 1
	// Summary  #summary  line 9
}

func ExampleTalk_AllLinks() {
	doc, err := notes.Parse(strings.NewReader(exampleAidsNotes))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range doc.Talks[0].AllLinks() {
		where := fmt.Sprintf("line %d", l.Line)
		switch {
		case l.Speaker:
			where = "speaker"
		case l.Line == 0:
			where = "header"
		}
		open := ""
		if !l.Openable() {
			open = " (not opened)"
		}
		fmt.Printf("[%d] %s %s %q %s%s\n", l.Number, l.Kind, l.URL, l.Text, where, open)
	}
	// Output:
	// [1] image http://i.imgur.com/1d1nzZ9.jpg "" header
	// [2] link http://golanguk.com/speakers/#dave-cheney "Dave Cheney" speaker
	// [3] link https://github.com/mvdan/interfacer "Related tool https://github.com/mvdan/interfacer" line 2
	// [4] link javascript:alert(1) "a slide" line 3 (not opened)
}
