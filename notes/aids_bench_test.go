package notes_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// aidsBenchTalks are the talks Outline and AllLinks are measured on: the
// largest talk of the embedded notes, talks whose notes are the notes of
// 100 and 1,000 generated talks (about 170 KB and 1.7 MB), two shapes
// that would be quadratic if done naively (one paragraph of 20,000 bare
// URLs, 20,000 headings of the same title), and a hostile line. With SetBytes, MB/s
// that stays level as the size grows shows the cost is linear.
func aidsBenchTalks(b *testing.B) []struct {
	name string
	talk *notes.Talk
} {
	b.Helper()
	var largest *notes.Talk
	for _, tk := range aidsDoc(b).Talks {
		if largest == nil || len(tk.Body) > len(largest.Body) {
			largest = tk
		}
	}
	generated := func(n int) *notes.Talk {
		doc, err := notes.Parse(bytes.NewReader(notestest.Bytes(n, 1)))
		if err != nil {
			b.Fatal(err)
		}
		bodies := make([]string, 0, n)
		for _, tk := range doc.Talks {
			bodies = append(bodies, tk.Body)
		}
		return &notes.Talk{Title: "huge", Body: strings.Join(bodies, "\n\n")}
	}
	var urls strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&urls, "see https://example.com/%d and\n", i)
	}
	return []struct {
		name string
		talk *notes.Talk
	}{
		{"talk=largest", largest},
		{"talk=gen100", generated(100)},
		{"talk=gen1000", generated(1000)},
		{"talk=urls20000", &notes.Talk{Body: urls.String()}},
		{"talk=headings20000", &notes.Talk{Body: strings.Repeat("### Summary\ntext\n", 20000)}},
		// goldmark is quadratic in the length of such a line; parseBody
		// reads 4 KB of it.
		{"talk=openlinks128KB", &notes.Talk{Body: strings.Repeat("[a](", 32<<10)}},
	}
}

func BenchmarkOutline(b *testing.B) {
	for _, bt := range aidsBenchTalks(b) {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.talk.Body)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(bt.talk.Outline())
			}
			b.ReportMetric(float64(n), "entries")
		})
	}
}

func BenchmarkAllLinks(b *testing.B) {
	for _, bt := range aidsBenchTalks(b) {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.talk.Body)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(bt.talk.AllLinks())
			}
			b.ReportMetric(float64(n), "links")
		})
	}
}
