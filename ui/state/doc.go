// Package state keeps a reader's place between runs of golanguk: per notes
// file, the talk being read, the position in each talk, the list's query,
// rating filter and sort, and which talks have been read.
//
// Everything lives in one small JSON file, state.json, in a directory the
// caller passes to [Open] (main computes $XDG_STATE_HOME/golanguk/; this
// package reads no environment). The file is bounded ([MaxFiles] notes
// files, [MaxTalks] talks each, [MaxSize] bytes in all, and a length limit
// on every string), so neither a long life nor a hostile file makes it
// grow without end.
//
// # Identity of a notes file
//
// A notes file is known by its path and a hash of its content. Entries are
// keyed by path; the hash is kept beside it. When a file is opened with a
// hash that differs from the stored one (the file was edited), its read
// marks and positions are kept for the talks whose slugs are among the
// slugs the caller passes to [Store.File], and dropped for the others; the
// list settings are kept. [FileState.Edited] reports the change. A path
// that is not stored but whose hash is (the file was moved or copied)
// starts from the state of that hash.
//
// # Failure
//
// Nothing here fails the program. [Open] returns a store and one-line
// warnings: a corrupt state.json (truncated, not JSON, the wrong shape,
// out of bounds, larger than MaxSize, a directory) is renamed to
// state.json.bad-TIMESTAMP and the store starts fresh; a directory that
// cannot be written (or a state file that cannot be read) gives a store
// that keeps this session in memory and writes nothing. Errors from
// [Store.Save], [Store.Flush] and [Store.Clear] are warnings to show, never
// reasons to stop. Every message is sanitised: no control characters.
//
// # Writing
//
// A write locks state.lock (flock, with a timeout), reads state.json
// again, merges this session's changes into it, and replaces it
// atomically (a temporary file in the same directory, fsync, rename,
// fsync of the directory). Merging takes, per talk, the newer read mark
// and the newer position, and per file the newer current talk and list
// settings, so two browsers at once keep each other's marks. Only notes
// files changed in this session are merged in, so [Store.Clear] from
// another process is undone only for those. A write does not bring the
// other browser's changes into this store: what a getter returns changes
// only through this store's setters (and Clear), and the other browser's
// marks show at the next start. Nothing is written while nothing changed,
// and [Store.Save] writes at most once per [Options.MinInterval] (a
// second by default).
//
// # Use from the browser
//
// Open reads a file, so call it inside a tea.Cmd and apply the result in
// Update, so the first frame never waits for the disk:
//
//	func loadState(dir string, opts state.Options, path, hash string, slugs []string) tea.Cmd {
//		return func() tea.Msg {
//			st, warnings := state.Open(dir, opts)
//			return stateLoadedMsg{st, st.File(path, hash, slugs), warnings}
//		}
//	}
//
// In Update, on stateLoadedMsg, move to fs.Talk() and fs.Position(slug),
// restore fs.List(), and show the warnings in the status line. On every
// change (scrolling past a section, m, a new query) call the setter and
// return a save command; Save never blocks on a throttle, it reports how
// long to wait:
//
//	func saveState(st *state.Store) tea.Cmd {
//		return func() tea.Msg {
//			wait, err := st.Save()
//			return stateSavedMsg{wait, err} // on wait > 0: tea.Tick(wait, ...) then saveState again
//		}
//	}
//
// Call [Store.Flush] once on quit, after the program has stopped (it may
// wait up to [Options.LockTimeout] for another golanguk). The methods are
// safe for concurrent use, so a save command may run while Update calls
// setters. A FileState's getters are cheap (a map lookup under a mutex)
// and change only when Update calls a setter, so View may call IsRead for
// every row.
//
// # Use from the command line
//
// [Options.Fresh] starts a store empty without forgetting what is
// stored. The browser's --fresh does not use it: it opens the store as
// usual and only leaves the stored place unapplied, so that read marks
// still show (see ui.StateOptions). Pick mode is [Options.ReadOnly];
// --no-state and a remote session do not open a store at all.
// `golanguk state --path` prints the path; `golanguk state --clear` calls
// [Store.Clear]. `list --json` reads [FileState.IsRead] from a ReadOnly
// store.
package state
