package main

import (
	"runtime"
	"runtime/debug"

	"github.com/golanguk/golanguk/ui"
)

// boundHeap sets a soft limit on the memory of the Go runtime, once a
// large document's notes and search index are loaded (the browser says
// when: ui.Options.SearchReady): what is live then, which stays until the
// program ends, and room for the garbage of searching and rendering, three
// tenths as much again and at least 64 MiB. It is the program's policy,
// so main sets it, not the ui package.
//
// Left to GOGC alone, the collector lets the heap grow to twice what is
// live before it collects: with 100,000 talks (260 MB live once loaded)
// the browser went past 400 MB within a few searches, and to 560 MB
// within fifteen (BenchmarkSearchSession). With the limit it collects
// every few searches instead, and stays near 370 MB; less room made
// typing slower. The limit is soft: were the live heap to outgrow it, the
// collector would work harder (at most half the CPU, the runtime's own
// cap), and no allocation fails. GOMEMLIMIT in env, if set, wins.
func boundHeap(env ui.Env) { boundHeapRoom(env, 3) }

// boundHeapRoom is boundHeap with room for garbage of tenths/10 of what
// is live (at least heapRoom).
func boundHeapRoom(env ui.Env, tenths int64) {
	if env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := int64(ms.HeapAlloc)
	debug.SetMemoryLimit(live + max(live*tenths/10, heapRoom))
}

// heapRoom is the least room boundHeap leaves for garbage.
const heapRoom = 64 << 20

// largeDocument is the number of talks above which list bounds the heap
// once the notes are loaded (boundHeap), as the browser does: the garbage
// of writing every talk (list --json builds each talk's markdown) would
// otherwise let the heap grow to twice what is live. It leaves six tenths
// as much again for garbage, not the browser's three: measured at 100,000
// generated talks, list --json -q context peaked at 970 MB unbounded, 514
// MB with three tenths but 1.5x slower, and about 600 MB with about six
// tenths at the unbounded speed. Below it the collection boundHeap starts
// with costs more than it saves.
const largeDocument = 10000
