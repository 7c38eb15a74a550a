// Package notes turns conference talk notes written in markdown into a
// model: a Document with its talks, and a search over them that the command
// line and the browser share, so a query means the same everywhere.
//
// The notes format is the one of the GolangUK 2016 notes: a "# " title, some
// free sections ("## About us"), and talks. A talk is a "## " section whose
// header carries a rating line:
//
//	## Keynote: SOLID Go design
//	![](http://i.imgur.com/1d1nzZ9.jpg)
//	> Dave Cheney - http://golanguk.com/speakers/#dave-cheney
//
//	:eight: :star: :star: :star: :star: :star: :star: :star: :star:
//
//	### The SOLID principles
//	...
package notes

import "strconv"

// MaxStars is the highest rating a talk can carry.
const MaxStars = 10

// Document is a parsed notes file.
type Document struct {
	// Name is the file the document was read from, as given to ParseNamed.
	Name string
	// Title is the text of the "# " heading.
	Title string
	// Intro is the markdown between the title and the first "## "
	// section (the real notes have a banner image there).
	Intro string
	// Sections are the "## " sections that are not talks ("About us",
	// "Schedule"), in file order. Together they make the about page.
	Sections []Section
	// Talks in the order they appear in the file (schedule order).
	Talks []*Talk
	// Warnings are problems the parser recovered from.
	Warnings []Warning

	search searchIndex // built lazily by Search, once
}

// Section is a "## " section that is not a talk.
type Section struct {
	Title string
	// Markdown is the section's body, without its heading.
	Markdown string
	// Line is the 1-based line of the heading.
	Line int
}

// Talk is one talk of the notes.
type Talk struct {
	// Number is the 1-based position of the talk in schedule order.
	Number int
	// Slug is a lowercase ASCII name unique in the document,
	// e.g. "keynote-solid-go-design".
	Slug  string
	Title string
	// Speaker is the speaker's name; Affiliation the middle part of a
	// "Name - Go team - URL" speaker line, if any.
	Speaker     string
	Affiliation string
	SpeakerURL  string
	// Links are further URLs from the talk header ("> https://...").
	Links []string
	// Stars is the number of :star: on the rating line, 0..MaxStars.
	Stars int
	// Images in the talk, header and body, in order.
	Images []Image
	// Headings are the "###" and "####" headings of the body, for an outline.
	Headings []Heading
	// Body is the talk's notes: the markdown after the rating line, with
	// image size suffixes normalised and control characters removed.
	Body string
	// Line is the 1-based line of the talk's "## " heading.
	Line int

	// header is the source of the talk's header, from the line after its
	// heading to its rating line: Markdown and the links read its
	// blockquote lines, images and rating line from it again (see
	// headerParts). Three fields holding them made a Talk 32 bytes bigger,
	// and a slice of its speaker lines took 16 more.
	header string
}

// Image is a markdown image.
type Image struct {
	Alt string
	URL string
}

// Heading is a heading inside a talk's notes.
type Heading struct {
	Level int // 3 for "###", 4 for "####"
	Text  string
	Line  int
}

// Warning is a problem the parser recovered from.
type Warning struct {
	Name string
	Line int
	Msg  string
}

func (w Warning) String() string { return posString(w.Name, w.Line) + w.Msg }

// Error is a parse error with its position. Line is 0 when the error is
// about the whole file. Err is the underlying cause: ErrNoTalks for a file
// without talks, the read error when reading failed.
type Error struct {
	Name string
	Line int
	Msg  string
	Err  error
}

func (e *Error) Error() string { return posString(e.Name, e.Line) + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

func posString(name string, line int) string {
	s := "notes: "
	if name != "" {
		s += name + ":"
	}
	if line > 0 {
		s += strconv.Itoa(line) + ":"
	}
	if s != "notes: " {
		s += " "
	}
	return s
}
