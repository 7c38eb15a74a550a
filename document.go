package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui"
)

// document loads the notes: the embedded ones, or --notes: a file, - for
// standard input, or a URL (a HedgeDoc, CodiMD or HackMD note, or any
// markdown), fetched with a cache. Shell completion (offline) takes a
// URL's notes from the cache only.
func (a *app) document() (*notes.Document, error) {
	if a.doc != nil {
		return a.doc, nil
	}
	if a.notesFile == "" {
		doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
		a.doc, a.notesID, a.notesHash = doc, "embedded:"+data.Name, contentHash(data.Notes())
		return doc, err
	}
	src, err := a.source()
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	var snap source.Snapshot
	switch {
	case a.offline && src.Kind() == source.URL:
		snap, err = src.Cached()
	case a.offline && src.Kind() == source.Stdin:
		err = errors.New("completion does not read standard input")
	default:
		snap, err = src.Load(context.Background())
	}
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	a.src, a.snap = src, snap // for the browser to read again and follow
	if n := snap.Notice(time.Now()); n != "" && !a.offline {
		// The server failed: say why, and how old the copy read is.
		fmt.Fprintf(a.stderr, "golanguk: warning: %s; reading the copy %s\n", escape.Line(snap.Err.Error(), maxErrorBytes), n)
	}
	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(snap.Data))
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	// Problems the parser got past (a rating word that disagrees with
	// the stars, a talk without a rating line) are worth knowing, as a
	// compiler's warnings are; the output is made all the same.
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "golanguk: warning: %s\n", escape.Line(w.String(), maxErrorBytes))
	}
	a.doc, a.notesID, a.notesHash = doc, notesID(src), contentHash(snap.Data)
	// The document holds the text it was parsed from, as a string: keeping
	// the bytes as well held a large file twice while the program ran (50
	// MB more for 1,000,000 tiny talks). Only the snapshot's origin and
	// time are read later.
	a.snap.Data = nil
	return doc, nil
}

// source is where --notes points.
func (a *app) source() (*source.Source, error) {
	return source.New(a.notesFile, source.Options{
		CacheDir: cacheDir(a.term.Env),
		Version:  version(),
		Stdin:    a.term.In,
		Proxy:    http.ProxyFromEnvironment,
	})
}

// cacheDir is where fetched notes are kept: $XDG_CACHE_HOME/golanguk, by
// default ~/.cache/golanguk; "" (no cache) when neither is set.
func cacheDir(env ui.Env) string {
	if d := env.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "golanguk")
	}
	if h := env.Getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".cache", "golanguk")
	}
	return ""
}

func (a *app) render() *ui.Renderer {
	if a.renderer == nil {
		a.renderer = ui.NewRenderer()
	}
	return a.renderer
}
