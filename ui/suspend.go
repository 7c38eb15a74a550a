package ui

import (
	"io"

	tea "charm.land/bubbletea/v2"
)

// suspendMsg asks the browser to suspend: ctrl+z, or a SIGTSTP that main
// passes on through Options.Suspend.
type suspendMsg struct{}

// resumedMsg says the process was continued after a suspend: the screen
// is drawn again whole, as the shell has drawn over it.
type resumedMsg struct{}

// suspend gives the terminal back (alternate screen off, mouse off, the
// terminal's own modes), stops the process with opts.Stop until the shell
// continues it, then takes the terminal again and repaints: what less and
// vim do on ctrl+z. Bubble Tea's own Suspend sends SIGTSTP, which stops
// nothing once main handles SIGTSTP (the Go runtime keeps its handler), so
// the stop is main's, through tea.Exec's release and restore of the
// terminal. Without opts.Stop (a remote session) nothing happens.
func (m Model) suspend() tea.Cmd {
	if m.opts.Stop == nil {
		return nil
	}
	return tea.Exec(stopCommand(m.opts.Stop), func(error) tea.Msg { return resumedMsg{} })
}

// stopCommand runs a stop of the process as the command tea.Exec hands the
// terminal to.
type stopCommand func() error

func (s stopCommand) Run() error          { return s() }
func (s stopCommand) SetStdin(io.Reader)  {}
func (s stopCommand) SetStdout(io.Writer) {}
func (s stopCommand) SetStderr(io.Writer) {}
