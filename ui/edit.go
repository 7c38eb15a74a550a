package ui

// e: the notes file opened in the reader's editor, at the section being
// read, with the terminal handed over and taken back; the notes are read
// again when the editor exits.

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// edit is e.
func (m *Model) edit() tea.Cmd {
	switch {
	case m.opts.Remote:
		return m.setStatus("Editing is not available in a remote session")
	case m.opts.EditFile == "":
		return m.setStatus("Only files can be edited: these notes are from " + m.notesOrigin())
	}
	argv, err := editorArgs(m.opts.Editor, m.opts.EditFile, m.sourceLine())
	if err != nil {
		return m.setStatus("Cannot run the editor: " + oneLine(err.Error()))
	}
	c := exec.Command(argv[0], argv[1:]...)
	c.Env = m.opts.Terminal.Env
	// The editor gets the terminal itself: Bubble Tea would hand it the
	// program's input, which is no file here (pasteGuard), and exec would
	// copy it through a pipe.
	if f, ok := m.opts.Terminal.In.(*os.File); ok {
		c.Stdin = f
	} else {
		c.Stdin = strings.NewReader("")
	}
	if f, ok := m.opts.Terminal.Out.(*os.File); ok {
		c.Stdout, c.Stderr = f, f
	}
	return tea.ExecProcess(c, func(err error) tea.Msg { return editedMsg{err: err} })
}

// notesOrigin says where notes that are no file come from.
func (m Model) notesOrigin() string {
	switch name := m.doc.Name; {
	case name == "stdin":
		return "standard input"
	case strings.HasPrefix(name, "http://"), strings.HasPrefix(name, "https://"):
		return "a URL"
	}
	return "the program itself (use --notes FILE)"
}

// editorArgs is the command that opens file in editor (vi if empty) at
// line (0: anywhere). The editor is split into words as a shell would
// split it, quotes and backslashes included but no expansion ("code -w",
// `"/opt/My Editor/bin/edit" --wait`). Editors known to take "+N" get it
// before the file.
func editorArgs(editor, file string, line int) ([]string, error) {
	words, err := shellWords(editor)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 {
		words = []string{"vi"}
	}
	if line > 0 && takesLine(words[0]) {
		words = append(words, "+"+strconv.Itoa(line))
	}
	if strings.HasPrefix(file, "-") || strings.HasPrefix(file, "+") {
		file = "./" + file // not an option or a line number
	}
	return append(words, file), nil
}

// lineEditors are the editors that open a file at line N given "+N".
var lineEditors = map[string]bool{
	"vi": true, "vim": true, "nvim": true, "view": true,
	"emacs": true, "emacsclient": true, "nano": true, "pico": true,
	"micro": true, "hx": true, "helix": true, "kak": true, "joe": true,
	"mg": true, "ne": true, "jed": true, "vis": true,
}

func takesLine(cmd string) bool {
	return lineEditors[strings.TrimSuffix(filepath.Base(cmd), ".exe")]
}

var errQuote = errors.New("unterminated quote in $VISUAL or $EDITOR")

// shellWords splits s into words as a POSIX shell does, without any
// expansion: blanks separate words; single quotes keep everything;
// double quotes keep everything but a backslash before " \ $ `; a
// backslash elsewhere keeps the next character.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errQuote
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			inWord = true
			for i++; ; i++ {
				if i >= len(s) {
					return nil, errQuote
				}
				if s[i] == '"' {
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
		case c == '\\':
			if i+1 < len(s) {
				i++
				w.WriteByte(s[i])
			}
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}
