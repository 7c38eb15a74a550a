package notes

import (
	"strconv"
	"strings"
)

// Markdown returns the talk as a standalone markdown document, faithful to
// the source: "# Title", the header's images, the speaker blockquote line(s), the rating line
// and the notes body, separated by blank lines. Image size suffixes are
// normalised and control characters are gone, as in Body.
//
// For a Talk built by hand rather than parsed, the speaker and rating
// lines are made from Speaker, Affiliation, SpeakerURL, Links and Stars.
func (t *Talk) Markdown() string {
	var b strings.Builder
	b.Grow(len(t.Body) + len(t.Title) + 256)
	b.WriteString("# ")
	b.WriteString(t.Title)
	b.WriteString("\n")

	if imgs := t.headerImages(); len(imgs) > 0 {
		b.WriteString("\n")
		for _, img := range imgs {
			b.WriteString("![" + img.Alt + "](" + img.URL + ")\n")
		}
	}

	if lines := t.quoteLines(); len(lines) > 0 {
		b.WriteString("\n")
		for _, l := range lines {
			b.WriteString(">")
			if l != "" {
				b.WriteString(" ")
				b.WriteString(l)
			}
			b.WriteString("\n")
		}
	}

	b.WriteString("\n")
	b.WriteString(t.rating())
	b.WriteString("\n")

	if t.Body != "" {
		b.WriteString("\n")
		b.WriteString(t.Body)
		b.WriteString("\n")
	}
	return b.String()
}

// quoteLines returns the speaker blockquote lines, without "> ".
func (t *Talk) quoteLines() []string {
	if lines := t.speakerLines(); len(lines) > 0 {
		return lines
	}
	var parts []string
	for _, p := range []string{t.Speaker, t.Affiliation, t.SpeakerURL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	var lines []string
	if len(parts) > 0 {
		lines = append(lines, strings.Join(parts, " - "))
	}
	return append(lines, t.Links...)
}

// rating returns the rating line of the source or, for a hand-made talk,
// one made from Stars (":three: :star: :star: :star:").
func (t *Talk) rating() string {
	if _, rating, _ := t.headerParts(); rating != "" {
		return rating
	}
	words := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "keycap_ten"}
	n := min(max(t.Stars, 0), MaxStars)
	var b strings.Builder
	if n < len(words) {
		b.WriteString(":" + words[n] + ":")
	} else {
		b.WriteString(strconv.Itoa(n))
	}
	for range n {
		b.WriteString(" :star:")
	}
	return b.String()
}

// AboutMarkdown returns the about page as markdown: the document title, the
// text before the first section, and every section that is not a talk
// ("About us", "Schedule"), in file order.
func (d *Document) AboutMarkdown() string {
	var b strings.Builder
	b.WriteString("# ")
	b.WriteString(d.Title)
	b.WriteString("\n")
	if d.Intro != "" {
		b.WriteString("\n")
		b.WriteString(d.Intro)
		b.WriteString("\n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		if s.Title != "" {
			b.WriteString("## ")
			b.WriteString(s.Title)
			b.WriteString("\n")
		}
		if s.Markdown != "" {
			if s.Title != "" {
				b.WriteString("\n")
			}
			b.WriteString(s.Markdown)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// headerParts reads the talk's header (see Talk.header) as the parser
// did: its blockquote lines other than the rating line (their text,
// without "> "), its rating line (trimmed) and how many images its image
// lines hold. All are empty for a talk built by hand.
func (t *Talk) headerParts() (quotes []string, rating string, images int) {
	var imgs []Image
	for pos := 0; pos < len(t.header); {
		line, next := nextLine(t.header, pos)
		pos = next
		trimmed := strings.TrimSpace(line)
		switch {
		case pos >= len(t.header): // the rating line ends the header
			rating = trimmed
		case trimmed == "":
		case isImageLine(trimmed):
			normaliseImages(trimmed, &imgs)
		case isQuote(line):
			quotes = append(quotes, quoteText(line))
		}
	}
	return quotes, rating, len(imgs)
}

// speakerLines are the texts of the header's blockquote lines, as in the
// source, without "> " and the rating line.
func (t *Talk) speakerLines() []string {
	quotes, _, _ := t.headerParts()
	return quotes
}

// headerImages are the leading Images, those that stand in the talk's
// header, between its heading and the rating line.
func (t *Talk) headerImages() []Image {
	_, _, n := t.headerParts()
	return t.Images[:min(n, len(t.Images))]
}
