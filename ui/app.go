// Package ui is the interactive browser over a notes document, a Bubble Tea
// program, and the glamour rendering it shares with the command line.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// Options configure Browse.
type Options struct {
	// Style is the --style flag's value: a glamour style name or JSON
	// file; "" picks dark or light after the terminal's background.
	Style string
	// Pick is for a stdout that is not a terminal: the browser draws on
	// the terminal itself, and enter on a talk ends it, returning the
	// talk for the caller to write.
	Pick bool
	// Query, MinStars and Sort (if SortSet) are the list's search to
	// start with, as fzf -q: the query is in the search box and the list
	// shows what it finds.
	Query    string
	MinStars int
	Sort     notes.Sort
	SortSet  bool
	// Terminal is where the browser reads keys and draws, and what the
	// caller knows of it (DetectTerminal). Browse opens nothing itself.
	Terminal Terminal
	// Quit ends the browser, as q does, when it is closed or sent on: a
	// hang-up (the terminal window closed, an ssh connection lost).
	Quit <-chan struct{}
	// Remote is a browser for a remote session (golanguk serve): it runs
	// no program on the machine it runs on, so o shows the link to open
	// instead of opening it.
	Remote bool
	// Stop, if set, stops the process until the shell continues it (main
	// sends itself SIGSTOP). ctrl+z and each request on Suspend give the
	// terminal back, call Stop, then take the terminal again and repaint,
	// as less does. Nil for a browser that must never stop its process (a
	// remote session): ctrl+z does nothing.
	Stop func() error
	// Suspend carries requests to suspend from outside: SIGTSTP, which
	// main catches so that a stop never leaves the terminal in raw mode
	// on the alternate screen.
	Suspend <-chan struct{}
	// Renderer, if set, renders the notes pane, shared with whoever else
	// uses it: golanguk serve gives every session the same one
	// (NewSharedRenderer), so a talk is rendered once for all the
	// sessions that read it at one width. Nil means a renderer of its own.
	Renderer *Renderer
	// SearchReady, if set, is called once the search index of a document
	// large enough to be searched in the background is built, from the
	// goroutine that built it: the caller may bound the heap then.
	SearchReady func()

	// Live notes (live.go, edit.go). Reload reads the notes again, for r
	// and after e; it is called in a command, never in Update. Nil: they
	// cannot be read again (standard input, the built-in notes).
	Reload func(context.Context) Loaded
	// Changes, if set, carries the notes each time they change (main
	// watches them: --watch). The browser keeps the reader's place.
	Changes <-chan Loaded
	// EditFile is the notes file e opens in Editor; "" when the notes
	// are no file (a URL, standard input, the built-in notes).
	EditFile string
	// Editor is the command line of the editor, $VISUAL or else $EDITOR
	// as main read them; "" means vi.
	Editor string
	// CachedAt, when set, says the notes are a URL's cached copy as of
	// then, the server having failed; the header says how old it is by
	// the clock Now (nil: time.Now).
	CachedAt time.Time
	Now      func() time.Time
	// State is where the reader's place is kept between runs (see
	// StateOptions); pick mode reads it but writes nothing, and a
	// remote session keeps nothing.
	State StateOptions
}

// frameRate is the most frames a second the browser draws: 120, Bubble
// Tea's most, so that the first frame, and every answer to a key, reaches
// the terminal within about 8 ms rather than 17.
const frameRate = 120

// Browse runs the browser over doc on opts.Terminal until the user quits.
// In pick mode it returns the chosen talks (the marked ones, or else the
// selected one, in list order), nil if the user left without choosing. The terminal is restored however the program ends, a panic
// included.
func Browse(ctx context.Context, doc *notes.Document, opts Options) ([]*notes.Talk, error) {
	t := opts.Terminal
	m := New(doc, opts)
	m.ctx = ctx
	panics := make(chan goPanicMsg, 1) // from our goroutines: see goSafely
	m.goPanics = panics
	if t.Width > 0 && t.Height > 0 {
		if render := m.prerender(t.Width, t.Height); render != nil {
			goSafely(panics, render)
		}
	}
	if m.bgSearch {
		// The model builds the search index too (Init); whichever comes
		// first builds it, the other waits for it.
		goSafely(panics, func() {
			doc.PrepareSearch()
			if opts.SearchReady != nil {
				opts.SearchReady()
			}
		})
	}
	p := tea.NewProgram(m,
		tea.WithContext(ctx),
		tea.WithFPS(frameRate),
		tea.WithInput(input(t.In)),
		tea.WithOutput(t.Out),
		tea.WithEnvironment(t.Env),
		tea.WithColorProfile(t.ColorProfile()),
	)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-opts.Quit:
				p.Quit()
				return
			case <-opts.Suspend:
				p.Send(suspendMsg{})
			case gp := <-panics:
				p.Send(gp) // Update panics with it
				return
			case <-done:
				return
			}
		}
	}()
	final, err := p.Run()
	if fm, ok := final.(Model); ok {
		if err := fm.FlushState(); err != nil && opts.State.Warn != nil {
			opts.State.Warn(err.Error()) // a warning, never a failure
		}
	}
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled) {
			return nil, nil
		}
		return nil, fmt.Errorf("ui: %w", err)
	}
	if fm, ok := final.(Model); ok {
		return fm.ChosenTalks(), nil
	}
	return nil, nil
}

// input is what the program reads keys from: the terminal, its pastes
// kept text (pasteGuard). Nil stays nil: no input.
func input(r io.Reader) io.Reader {
	if r == nil {
		return nil
	}
	return guardPaste(r)
}
