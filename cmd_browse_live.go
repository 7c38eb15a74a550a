package main

import (
	"bytes"
	"context"
	"time"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui"
)

// watchDefault is --watch given without a duration: a URL is polled at
// source.DefaultPoll; a file is followed as it changes.
const watchDefault = "30s"

// watchEvery is how often --watch polls a URL; 0 without --watch. A
// duration below source.MinPoll is refused rather than quietly raised.
func watchEvery(flag string) (time.Duration, error) {
	if flag == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(flag)
	if err != nil {
		return 0, usageErrorf("--watch=%s is not a duration (30s, 2m)", flag)
	}
	if d < source.MinPoll {
		return 0, usageErrorf("--watch=%s polls too often: at least %v between polls", flag, source.MinPoll)
	}
	return d, nil
}

// watchable says whether --notes names something --watch can follow.
func (a *app) watchable() error {
	switch a.notesFile {
	case "":
		return usageErrorf("--watch follows a --notes file or URL; the built-in notes do not change")
	case "-":
		return usageErrorf("--watch: nothing to watch on standard input, which is read once")
	}
	return nil
}

// liveOptions is how the browser reads the notes again (r, and after e),
// follows them (--watch, until ctx is done), and edits them.
func (a *app) liveOptions(ctx context.Context, watch bool, every time.Duration) (ui.Options, error) {
	var o ui.Options
	o.Editor = a.term.Env.Getenv("VISUAL")
	if o.Editor == "" {
		o.Editor = a.term.Env.Getenv("EDITOR")
	}
	src := a.src
	if src == nil || src.Kind() == source.Stdin {
		return o, nil // the built-in notes, or read once
	}
	if src.Kind() == source.File {
		o.EditFile = src.Path()
	}
	if a.snap.Origin == source.Cached {
		o.CachedAt = a.snap.Time
	}
	o.Reload = func(ctx context.Context) ui.Loaded {
		snap, err := src.Load(ctx)
		return loaded(src, snap, err)
	}
	if !watch {
		return o, nil
	}
	events, err := src.Watch(ctx, every)
	if err != nil {
		return o, usageErrorf("--watch: %v", err)
	}
	ch := make(chan ui.Loaded)
	go func() {
		defer close(ch)
		for ev := range events {
			select {
			case ch <- loaded(src, ev.Snapshot, ev.Err):
			case <-ctx.Done():
				return
			}
		}
	}()
	o.Changes = ch
	return o, nil
}

// loaded parses what was read of src for the browser.
func loaded(src *source.Source, snap source.Snapshot, err error) ui.Loaded {
	if err != nil {
		return ui.Loaded{Err: err}
	}
	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(snap.Data))
	if err != nil {
		return ui.Loaded{Err: err}
	}
	l := ui.Loaded{Doc: doc}
	if snap.Origin == source.Cached {
		l.CachedAt, l.Stale = snap.Time, snap.Err
	}
	return l
}
