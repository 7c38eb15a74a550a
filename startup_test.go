package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// Start-up is measured as a person sees it: from launching the program in
// a 120x40 terminal to the screen showing its first full frame. The
// references run in the same harness, so the ratio between them is the
// figure to read:
//
//	go test -run '^$' -bench 'Startup' -benchtime 50x -count 5 . | tee startup.txt
//	benchstat startup.txt
//
// ns/op is the mean time to the first full frame, p50-ms its median;
// first-byte-p50-ms the median time to the first byte the program writes
// (for the browser, Bubble Tea's first frame tick); first-frame-B is the
// bytes written to the terminal up to the full frame, and peak-RSS-MB the
// program's peak memory by then. golanguk-version is `golanguk --version`:
// the cost of starting the binary at all.
const (
	startupWidth   = 120
	startupHeight  = 40
	startupTimeout = 20 * time.Second // a hang, not a performance bound
)

// startupCase is a program and the screen that counts as its first full
// frame.
type startupCase struct {
	name  string
	bin   string
	args  []string
	env   []string
	ready func(screen string) bool
}

func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	hello := buildHello(b, dir)
	golanguk := buildProgram(b, dir, "golanguk", ".")

	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		b.Fatal(err)
	}
	first := doc.Talks[0]
	// The list shows the first talk's title, the detail pane its rendered
	// notes: "**S**ingle Responsability" is drawn as plain words only by
	// the markdown renderer, under the talk's first heading.
	browserReady := containsAll(first.Title, "Single Responsability")

	cases := []startupCase{
		{name: "hello", bin: hello, ready: containsAll("hello, world")},
		{name: "golanguk-version", bin: golanguk, args: []string{"--version"}, ready: containsAll("golanguk version")},
		{name: "golanguk", bin: golanguk, ready: browserReady},
	}
	// GOLANGUK_BASELINE=/path/to/an/older/golanguk measures that binary
	// too, side by side with this one, to compare a change in one run.
	if base := os.Getenv("GOLANGUK_BASELINE"); base != "" {
		cases = append(cases, startupCase{name: "baseline", bin: base, ready: browserReady})
	}
	if fzf, err := exec.LookPath("fzf"); err == nil {
		cases = append(cases, fzfCase(b, dir, fzf, doc))
	}
	for _, n := range []int{10000, 100000} {
		cases = append(cases, generatedCase(b, dir, golanguk, n))
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchStartup(b, c) })
	}
}

// benchStartup launches c b.N times and reports the mean time to its
// first full frame as ns/op.
func benchStartup(b *testing.B, c startupCase) {
	var total time.Duration
	var bytesOut, rss int64
	times := make([]time.Duration, 0, b.N)
	firsts := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		t, err := startTerm(b, startupWidth, startupHeight, c.env, c.bin, c.args...)
		if errors.Is(err, errNoPTY) {
			b.Skip(err)
		}
		if err != nil {
			b.Fatal(err)
		}
		at, _, err := t.waitFor(startupTimeout, c.ready)
		if err != nil {
			b.Fatal(err)
		}
		d := at.Sub(t.start)
		total += d
		times = append(times, d)
		firsts = append(firsts, t.firstByte().Sub(t.start))
		bytesOut += t.bytesWritten()
		rss += t.peakRSS()
		t.close()
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "ns/op")
	b.ReportMetric(float64(bytesOut)/float64(b.N), "first-frame-B")
	if rss > 0 { // a program that exits at once (hello) leaves none to read
		b.ReportMetric(float64(rss)/float64(b.N)/(1<<20), "peak-RSS-MB")
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	slices.Sort(firsts)
	b.ReportMetric(float64(firsts[len(firsts)/2].Microseconds())/1000, "first-byte-p50-ms")
}

// buildHello builds a Go "hello world": the floor for a Go program's
// start-up in this harness.
func buildHello(b *testing.B, dir string) string {
	src := filepath.Join(dir, "hello.go")
	err := os.WriteFile(src, []byte(`package main

import "fmt"

func main() { fmt.Println("hello, world") }
`), 0o644)
	if err != nil {
		b.Fatal(err)
	}
	return buildProgram(b, dir, "hello", src)
}

// fzfCase is fzf over the talk titles with a preview of the selected
// talk's markdown: the terminal tool a Go developer would otherwise reach
// for. Its first full frame shows the first title and the preview.
func fzfCase(b *testing.B, dir, fzf string, doc *notes.Document) startupCase {
	var titles strings.Builder
	for _, t := range doc.Talks {
		fmt.Fprintf(&titles, "%d\t%s\n", t.Number, t.Title)
		md := filepath.Join(dir, fmt.Sprintf("talk-%d.md", t.Number))
		if err := os.WriteFile(md, []byte(t.Markdown()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	list := filepath.Join(dir, "titles.txt")
	if err := os.WriteFile(list, []byte(titles.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	preview := "cat " + filepath.Join(dir, "talk-{1}.md")
	return startupCase{
		name: "fzf-preview",
		bin:  "/bin/sh",
		args: []string{"-c", `exec "$0" --delimiter '\t' --with-nth 2 --preview "$1" < "$2"`, fzf, preview, list},
		env:  []string{"SHELL=/bin/sh"},
		// The preview shows the markdown source: the bold marks stay.
		ready: containsAll(doc.Talks[0].Title, "ingle Responsability"),
	}
}

// generatedCase is golanguk on a generated notes file of n talks.
func generatedCase(b *testing.B, dir, golanguk string, n int) startupCase {
	src := notestest.Bytes(n, 1)
	file := filepath.Join(dir, fmt.Sprintf("talks-%d.md", n))
	if err := os.WriteFile(file, src, 0o644); err != nil {
		b.Fatal(err)
	}
	doc, err := notes.Parse(bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	first := doc.Talks[0]
	return startupCase{
		name:  fmt.Sprintf("golanguk-talks=%d", n),
		bin:   golanguk,
		args:  []string{"--notes", file},
		ready: containsAll(first.Title, firstPlainWords(first.Body)),
	}
}

// firstPlainWords is the first two words of a talk's notes that a
// renderer draws as they are written: no markup, no link.
func firstPlainWords(body string) string {
	for _, l := range strings.Split(body, "\n") {
		f := strings.Fields(strings.TrimLeft(strings.TrimSpace(l), "#-*>0123456789. "))
		if len(f) >= 2 && !strings.ContainsAny(f[0]+f[1], "![]()`*_:/{}") {
			return f[0] + " " + f[1]
		}
	}
	return ""
}

// BenchmarkMoveDown measures one "j" in the list of the running browser
// at 120x40, between two talks whose notes are rendered: ns/op from the
// key to the frame that shows the next talk's notes, term-B/op the bytes
// written to the terminal for it (the program is quiet for 100ms after).
func BenchmarkMoveDown(b *testing.B) {
	const quiet = 100 * time.Millisecond
	dir := b.TempDir()
	golanguk := buildProgram(b, dir, "golanguk", ".")
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		b.Fatal(err)
	}
	t, err := startTerm(b, startupWidth, startupHeight, nil, golanguk)
	if errors.Is(err, errNoPTY) {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := t.waitFor(startupTimeout, containsAll(doc.Talks[0].Title, "Single Responsability")); err != nil {
		b.Fatal(err)
	}
	// The two talks' notes, each shown only when its talk is selected.
	shows := []string{firstPlainWords(doc.Talks[1].Body), "Single Responsability"}
	keys := []string{"j", "k"}
	t.waitQuiet(quiet, startupTimeout)
	var total time.Duration
	var written int64
	for i := 0; i < b.N; i++ {
		before := t.bytesWritten()
		sent := time.Now()
		if err := t.send(keys[i%2]); err != nil {
			b.Fatal(err)
		}
		at, _, err := t.waitFor(startupTimeout, containsAll(shows[i%2]))
		if err != nil {
			b.Fatal(err)
		}
		total += at.Sub(sent)
		t.waitQuiet(quiet, startupTimeout)
		written += t.bytesWritten() - before
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "ns/op")
	b.ReportMetric(float64(written)/float64(b.N), "term-B/op")
}

// sessionQueries are typed a key at a time by BenchmarkSearchSession: words
// of the notes, names, punctuation, a single letter that matches every
// talk, two terms, a miss.
var sessionQueries = []string{"context", "io.", "gorou", "c", "test", "kubernetes", "patan", "dave chen", "micro", "x.y"}

// BenchmarkSearchSession measures a person searching a large document in
// the running browser at 120x40: golanguk --notes on 100,000 generated
// talks, each query of sessionQueries typed a key at a time, one query an
// op. ns/op is the mean time from a key to the frame that answers it (the
// header shows the query typed so far and no longer says "searching…"),
// p50-ms and p90-ms its median and 90th percentile; peak-RSS-MB the
// program's peak memory at the end of the session.
//
// GOLANGUK_BASELINE=/path/to/an/older/golanguk runs that binary too.
func BenchmarkSearchSession(b *testing.B) {
	const n = 100000
	dir := b.TempDir()
	golanguk := buildProgram(b, dir, "golanguk", ".")
	c := generatedCase(b, dir, golanguk, n)
	b.Run("golanguk", func(b *testing.B) { benchSearchSession(b, c, n) })
	if base := os.Getenv("GOLANGUK_BASELINE"); base != "" {
		c.bin = base
		b.Run("baseline", func(b *testing.B) { benchSearchSession(b, c, n) })
	}
}

func benchSearchSession(b *testing.B, c startupCase, n int) {
	t, err := startTerm(b, startupWidth, startupHeight, nil, c.bin, c.args...)
	if errors.Is(err, errNoPTY) {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	all := fmt.Sprintf("%d of %d talks", n, n)
	settled := func(texts ...string) func(string) bool {
		has := containsAll(texts...)
		return func(scr string) bool { return has(scr) && !strings.Contains(scr, "searching…") }
	}
	if _, _, err := t.waitFor(startupTimeout, c.ready); err != nil {
		b.Fatal(err)
	}
	var keys []time.Duration
	for i := 0; i < b.N; i++ {
		q := sessionQueries[i%len(sessionQueries)]
		if err := t.send("/"); err != nil {
			b.Fatal(err)
		}
		for k := range q {
			sent := time.Now()
			if err := t.send(q[k : k+1]); err != nil {
				b.Fatal(err)
			}
			at, scr, err := t.waitFor(startupTimeout, settled("· /"+q[:k+1]))
			if err != nil {
				b.Fatalf("typing %q: %v\n%s", q[:k+1], err, scr)
			}
			keys = append(keys, at.Sub(sent))
		}
		if err := t.send("\x1b"); err != nil { // esc: leave the search, clear the query
			b.Fatal(err)
		}
		cleared := settled(all)
		if _, scr, err := t.waitFor(startupTimeout, func(scr string) bool {
			return cleared(scr) && !strings.Contains(scr, "· /") // "c" lists every talk too
		}); err != nil {
			b.Fatalf("after esc: %v\n%s", err, scr)
		}
	}
	var total time.Duration
	for _, d := range keys {
		total += d
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(len(keys)), "ns/op")
	slices.Sort(keys)
	b.ReportMetric(float64(keys[len(keys)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(keys[len(keys)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(t.peakRSS())/(1<<20), "peak-RSS-MB")
}
