package serve

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// errSlowReader is what writes to a client that stopped reading return.
var errSlowReader = errors.New("serve: client is not reading its output")

// output stands between a session's program and its SSH channel. A write
// to an SSH channel blocks once the client's window is full, that is when
// the client stops reading; a program blocked there would hold its
// session for ever. output takes writes into a buffer of at most limit
// bytes that a goroutine of its own sends on; a write that would pass the
// limit, or a send that stalls for longer than stall, cuts the client
// off: cut is called (it closes the connection) and every later write
// fails.
type output struct {
	w     io.Writer
	limit int
	stall time.Duration
	cut   func(reason string)

	mu      sync.Mutex
	cond    *sync.Cond
	buf     []byte // waiting to be sent
	sending int    // bytes being sent
	closed  bool
	err     error
	done    chan struct{} // the pump has returned

	sent atomic.Int64
}

func newOutput(w io.Writer, limit int, stall time.Duration, cut func(string)) *output {
	o := &output{w: w, limit: limit, stall: stall, cut: cut, done: make(chan struct{})}
	o.cond = sync.NewCond(&o.mu)
	go o.pump()
	return o
}

// Write queues p; it never blocks on the client.
func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return 0, o.err
	}
	if o.closed {
		return 0, io.ErrClosedPipe
	}
	if len(o.buf)+len(p) > o.limit {
		o.fail(errSlowReader, "output buffer full")
		return 0, o.err
	}
	o.buf = append(o.buf, p...)
	o.cond.Broadcast()
	return len(p), nil
}

// fail records err and cuts the client off; o.mu is held.
func (o *output) fail(err error, reason string) {
	if o.err != nil {
		return
	}
	o.err = err
	o.buf = nil
	o.cond.Broadcast()
	go o.cut(reason) // cut closes the connection: not under o.mu
}

func (o *output) pump() {
	defer close(o.done)
	var chunk []byte
	for {
		o.mu.Lock()
		for len(o.buf) == 0 && !o.closed && o.err == nil {
			o.cond.Wait()
		}
		if o.err != nil || len(o.buf) == 0 {
			o.mu.Unlock()
			return
		}
		// Swap buffers so writers append to the other one while this one
		// is sent.
		chunk, o.buf = o.buf, chunk[:0]
		o.sending = len(chunk)
		o.mu.Unlock()

		t := time.AfterFunc(o.stall, func() {
			o.mu.Lock()
			o.fail(errSlowReader, "output stalled")
			o.mu.Unlock()
		})
		n, err := o.w.Write(chunk)
		t.Stop()
		o.sent.Add(int64(n))
		o.mu.Lock()
		o.sending = 0
		o.mu.Unlock()
		if err != nil {
			o.mu.Lock()
			if o.err == nil {
				o.err = err
				o.buf = nil
			}
			o.mu.Unlock()
			return
		}
	}
}

// waiting is how many bytes written have not been sent yet.
func (o *output) waiting() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.buf) + o.sending
}

// Close sends what is queued and waits for it to be sent, or for the
// client to be cut off.
func (o *output) Close() error {
	o.mu.Lock()
	o.closed = true
	o.cond.Broadcast()
	o.mu.Unlock()
	<-o.done
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}
