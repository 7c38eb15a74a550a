package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// document loads the notes: the embedded ones, or --notes.
func (a *app) document() (*notes.Document, error) {
	if a.doc != nil {
		return a.doc, nil
	}
	if a.notesFile == "" {
		doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
		a.doc = doc
		return doc, err
	}
	// The parser reads the open file into one buffer sized from its
	// length, rather than os.ReadFile's copy and a second one.
	f, err := os.Open(a.notesFile)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	defer f.Close()
	doc, err := notes.ParseNamed(a.notesFile, f)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	// Problems the parser got past (a rating word that disagrees with
	// the stars, a talk without a rating line) are worth knowing, as a
	// compiler's warnings are; the output is made all the same.
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "golanguk: warning: %s\n", w)
	}
	a.doc = doc
	return doc, nil
}

func (a *app) render() *ui.Renderer {
	if a.renderer == nil {
		a.renderer = ui.NewRenderer()
	}
	return a.renderer
}
