package ui

// Benchmarks of the browser's model: what one keystroke and one frame
// cost. They drive the root model directly (Update, then View, as Bubble
// Tea does), so they measure our code and not the terminal. Internal
// tests: the 100,000-talk keystroke has to hand the model the answer of
// its asynchronous search, as the program would.

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// benchQueries are typed one character at a time in BenchmarkKeystroke.
var benchQueries = []string{
	"context", "patan", "go test", "bjorn", "io.Reader", "deadlock",
	"microservices", "cheney", "kubernetes", "Go",
}

// benchDoc is the embedded notes for n == 21, otherwise a generated file
// of n talks.
func benchDoc(b *testing.B, n int) *notes.Document {
	b.Helper()
	src := data.Notes()
	if n != 21 {
		src = notestest.Bytes(n, 1)
	}
	doc, err := notes.ParseNamed("bench.md", bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	if len(doc.Talks) != n {
		b.Fatalf("%d talks, want %d", len(doc.Talks), n)
	}
	return doc
}

// benchModel is the browser at w x h in a dark terminal, settled: the list
// filled and the selected talk rendered, as a person sees it after start.
func benchModel(b *testing.B, doc *notes.Document, w, h int) Model {
	b.Helper()
	var m tea.Model = New(doc, Options{Style: StyleDark})
	m = benchSettle(b, m, m.Init(), tea.WindowSizeMsg{Width: w, Height: h})
	bm := m.(Model)
	if len(bm.Listed()) == 0 {
		// The first search of a large document runs in a command; give
		// the model its answer as the program would.
		m = benchSettle(b, m, nil, benchAnswer(bm))
		bm = m.(Model)
	}
	if len(bm.Listed()) != len(doc.Talks) {
		b.Fatalf("the list shows %d of %d talks after start", len(bm.Listed()), len(doc.Talks))
	}
	if _, rendered := bm.Shown(); !rendered {
		b.Fatalf("the selected talk is not rendered after start:\n%s", bm.view())
	}
	return bm
}

// benchAnswer is the message the asynchronous search of m's query
// answers with: what searchCmd returns, without a goroutine.
func benchAnswer(m Model) tea.Msg {
	hits, err := m.doc.SearchContext(context.Background(), m.query())
	if err != nil {
		panic(err)
	}
	return searchedMsg{seq: m.seq, hits: hits}
}

// benchSettle runs the commands of msgs and of what they lead to, feeding
// the messages back to m, until nothing is left. A command that does not
// answer within five seconds (a status line's timer) is dropped.
func benchSettle(b *testing.B, m tea.Model, cmd tea.Cmd, msgs ...tea.Msg) tea.Model {
	b.Helper()
	queue := []tea.Cmd{cmd}
	for _, msg := range msgs {
		var c tea.Cmd
		m, c = m.Update(msg)
		queue = append(queue, c)
	}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			b.Fatal("the model never settles")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(5 * time.Second):
			continue
		}
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg == nil {
			continue
		}
		m, c = m.Update(msg)
		queue = append(queue, c)
	}
	return m
}

// BenchmarkKeystroke measures one character typed in the search box: the
// model's Update and the View that shows its answer. With 21 talks the
// search runs inside Update. With 100,000 it runs in a command: ns/op then
// counts the keystroke, the search and the frame that answers it, and
// key-ns/op the keystroke and its frame alone (the search still running).
// The heap is as the runtime leaves it; the browser bounds it for a large
// document (main's boundHeap), and BenchmarkSearchSession, in the main package,
// measures typing in the running program with that bound.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range []int{21, 100000} {
		b.Run(fmt.Sprintf("talks=%d", n), func(b *testing.B) {
			doc := benchDoc(b, n)
			// The search index is built on the first search that has
			// text (BenchmarkSearchIndex in notes measures it); this
			// measures typing after that.
			doc.Search(notes.Query{Text: "warm up the index"})
			start := benchModel(b, doc, 120, 40)
			var m tea.Model
			m, _ = start.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
			if !m.(Model).Searching() {
				b.Fatal("/ did not open the search box")
			}
			searching := m
			var keyTime time.Duration
			q, pos := 0, 0
			b.ReportAllocs()
			for b.Loop() {
				query := []rune(benchQueries[q])
				r := query[pos]
				t0 := time.Now()
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				_ = m.View()
				keyTime += time.Since(t0)
				if mm := m.(Model); mm.busy {
					m, _ = m.Update(benchAnswer(mm))
					_ = m.View()
				}
				if pos++; pos == len(query) {
					b.StopTimer()
					m, q, pos = searching, (q+1)%len(benchQueries), 0
					b.StartTimer()
				}
			}
			b.ReportMetric(float64(keyTime.Nanoseconds())/float64(b.N), "key-ns/op")
		})
	}
}

// BenchmarkView measures one frame of the browser at 120x40 when nothing
// changed: the cost Bubble Tea pays on every redraw.
func BenchmarkView(b *testing.B) {
	m := benchModel(b, benchDoc(b, 21), 120, 40)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = len(m.View().Content)
	}
	b.ReportMetric(float64(size), "frame-B")
}

// BenchmarkSelectNext measures one "j" in the list onto a talk whose notes
// are not rendered yet: Update and View. Rendering runs in a command the
// benchmark drops, so this is the cost of the keystroke itself, which must
// not wait for glamour.
func BenchmarkSelectNext(b *testing.B) {
	doc := benchDoc(b, 21)
	start := benchModel(b, doc, 120, 40)
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	var m tea.Model = start
	moves := 0
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(j)
		_ = m.View()
		sel := m.(Model).Selected()
		if sel != doc.Talks[0] {
			moves++
		}
		if sel == doc.Talks[len(doc.Talks)-1] {
			b.StopTimer()
			m = start
			b.StartTimer()
		}
	}
	if moves != b.N {
		b.Fatalf("%d of %d j moved the selection", moves, b.N)
	}
}

// hugeNotesDocs are small documents with hostile notes: few talks, a lot
// of text.
var hugeNotesDocs = []struct {
	name string
	md   func() string
}{
	{"1 talk of 8 MB lines", func() string {
		return "# N\n\n## Long\n> M - https://e.com\n\n:one: :star:\n\n" + strings.Repeat("gopher and a context line\n", 8<<20/26)
	}},
	{"20 talks of a 1 MB line", func() string {
		var b strings.Builder
		b.WriteString("# N\n\n")
		for i := range 20 {
			fmt.Fprintf(&b, "## Long %d\n> M - https://e.com\n\n:one: :star:\n\n%s\n\n", i, strings.Repeat("gopher ", 1<<20/7))
		}
		return b.String()
	}},
}

// BenchmarkKeystrokeHugeNotes is BenchmarkKeystroke on hugeNotesDocs:
// key-ns/op is what a keystroke holds the event loop for, answer-ns/op
// what the search's answer then does, both with their frame.
func BenchmarkKeystrokeHugeNotes(b *testing.B) {
	for _, d := range hugeNotesDocs {
		b.Run(d.name, func(b *testing.B) {
			doc, err := notes.ParseNamed("huge.md", strings.NewReader(d.md()))
			if err != nil {
				b.Fatal(err)
			}
			doc.Search(notes.Query{Text: "warm up the index"})
			var m tea.Model = New(doc, Options{Style: StyleDark})
			m = benchSettle(b, m, m.Init(), tea.WindowSizeMsg{Width: 120, Height: 40})
			if mm := m.(Model); mm.busy {
				m = benchSettle(b, m, nil, benchAnswer(mm))
			}
			m, _ = m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
			searching := m
			query := []rune("context")
			var keyTime, answerTime time.Duration
			pos := 0
			for b.Loop() {
				r := query[pos]
				t0 := time.Now()
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				_ = m.View()
				t1 := time.Now()
				keyTime += t1.Sub(t0)
				if mm := m.(Model); mm.busy {
					msg := benchAnswer(mm)
					t1 = time.Now()
					m, _ = m.Update(msg)
					_ = m.View()
					answerTime += time.Since(t1)
				}
				if pos++; pos == len(query) {
					m, pos = searching, 0
				}
			}
			b.ReportMetric(float64(keyTime.Nanoseconds())/float64(b.N), "key-ns/op")
			b.ReportMetric(float64(answerTime.Nanoseconds())/float64(b.N), "answer-ns/op")
		})
	}
}
