package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/golanguk/golanguk/ui"
)

// TestBoundHeap checks the soft memory limit the browser's caller sets
// once a large document is loaded: above what is live by three tenths and
// at least 64 MiB, never below it; and left alone when the user set
// GOMEMLIMIT.
func TestBoundHeap(t *testing.T) {
	const unlimited = math.MaxInt64
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	debug.SetMemoryLimit(unlimited)
	boundHeap(ui.Env{"GOMEMLIMIT="})
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	got := debug.SetMemoryLimit(-1)
	if live := int64(ms.HeapAlloc); got == unlimited || got < live+heapRoom || got > 2*live+2*heapRoom {
		t.Errorf("limit %d MiB with %d MiB live, want about %d MiB", got>>20, live>>20, (live+max(live*3/10, heapRoom))>>20)
	}

	debug.SetMemoryLimit(unlimited)
	boundHeap(ui.Env{"GOMEMLIMIT=1GiB"})
	if got := debug.SetMemoryLimit(-1); got != unlimited {
		t.Errorf("with GOMEMLIMIT set, boundHeap set the limit to %d MiB", got>>20)
	}
}
