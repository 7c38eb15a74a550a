package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
	"github.com/golanguk/golanguk/ui/serve"
)

// serveCmd is golanguk serve: the browser over SSH, each session its own,
// and list, show and about as SSH commands.
func (a *app) serveCmd() *cobra.Command {
	var listen, hostKey string
	var limits serve.Config
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the browser over SSH: ssh -p 2222 host",
		Long: "Serve the browser over SSH. Every session with a terminal gets its own browser; " +
			"a session that gives a command (ssh host list --json, show 3, about, --help) runs it, " +
			"with its exit status. Nothing a session sends runs a program or opens a path on the server. " +
			"SIGTERM or SIGINT stops accepting and ends every session cleanly; SIGHUP reloads the notes.",
		Example: `golanguk serve
golanguk serve --listen :2222 --notes notes.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd.Context(), listen, hostKey, limits)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().StringVar(&listen, "listen", serve.DefaultListen, "TCP address to listen on; :2222 listens on every interface")
	f := cmd.Flags()
	f.StringVar(&hostKey, "host-key", "", "the ed25519 host key (default $XDG_STATE_HOME/golanguk/ssh_host_ed25519_key, made on first start)")
	f.IntVar(&limits.MaxSessions, "max-sessions", 200, "sessions open at once, in all")
	f.IntVar(&limits.MaxPerIP, "max-per-ip", 10, "sessions open at once from one client address")
	f.Float64Var(&limits.NewConnsPerIPPerSecond, "conn-rate", 2, "new connections a second from one client address (bursts of 10)")
	f.DurationVar(&limits.HandshakeTimeout, "handshake-timeout", 10*time.Second, "time to finish the SSH handshake")
	f.DurationVar(&limits.IdleTimeout, "idle-timeout", 15*time.Minute, "a session with no input for this long ends")
	f.DurationVar(&limits.MaxSessionTime, "max-session-time", 4*time.Hour, "a session ends after this long")
	f.IntVar(&limits.InputRate, "input-rate", serve.DefaultInputRate, "bytes a second a session's keys are read at (bursts of 16 KiB)")
	return cmd
}

// sessionCommands are the commands a session may give.
var sessionCommands = []string{"list", "show", "about", "help", "--help", "-h", "--version"}

func (a *app) serve(ctx context.Context, listen, hostKey string, limits serve.Config) error {
	doc, err := a.document()
	if err != nil {
		return err
	}
	if hostKey == "" {
		dir := stateDir(a.term.Env)
		if dir == "" {
			return usageErrorf("no state directory for the host key ($XDG_STATE_HOME and $HOME are unset): give --host-key")
		}
		hostKey = filepath.Join(dir, "ssh_host_ed25519_key")
	}
	limits.Listen, limits.HostKeyPath = listen, hostKey
	limits.Logger = slog.New(slog.NewTextHandler(a.stderr, nil))
	ns, err := a.newNotesServer(doc, limits)
	if err != nil {
		return usageErrorf("%v", err)
	}
	stop, cancel := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGINT)
	defer cancel()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			ns.reload()
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- ns.srv.ListenAndServe() }()
	select {
	case err := <-errc:
		if !errors.Is(err, serve.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	case <-stop.Done():
	}
	shut, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	return ns.srv.Shutdown(shut)
}

// notesServer is golanguk serve's SSH server and the notes its sessions
// read, parsed and indexed once and shared read-only.
type notesServer struct {
	a       *app
	srv     *serve.Server
	log     *slog.Logger
	current atomic.Pointer[notes.Document]
	// renderer renders for every session: a talk is rendered once for
	// all those that read it at one width and style.
	renderer *ui.Renderer
}

// newNotesServer makes the server for cfg (its listen address, host key,
// limits and logger), serving doc: a browser for a session with a
// terminal, the session commands for one that gives a command.
func (a *app) newNotesServer(doc *notes.Document, cfg serve.Config) (*notesServer, error) {
	ns := &notesServer{a: a, log: cfg.Logger, renderer: ui.NewSharedRenderer()}
	if ns.log == nil {
		ns.log = slog.New(slog.DiscardHandler)
	}
	// Indexed once, here, not by the first session to search: every
	// session shares the index.
	doc.PrepareSearch()
	ns.current.Store(doc)
	cfg.Program = ns.program
	cfg.Command = ns.command
	srv, err := serve.New(cfg)
	if err != nil {
		return nil, err
	}
	ns.srv = srv
	return ns, nil
}

// program is the browser of one session, sized and coloured for its
// client's terminal, that runs nothing on the server.
func (ns *notesServer) program(s serve.Session) (tea.Model, []tea.ProgramOption) {
	w := s.Window()
	m := ui.New(ns.current.Load(), ui.Options{Remote: true, Renderer: ns.renderer, Terminal: ui.Terminal{
		Env: ui.Env(s.Environ()), IsTerminal: true, Width: w.Width, Height: w.Height, Profile: s.ColorProfile(),
	}})
	return m, nil
}

// command runs a session's command: one of sessionCommands, with no flag
// that names a path on the server (sessionFlags).
func (ns *notesServer) command(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || !slices.Contains(sessionCommands, args[0]) {
		fmt.Fprintf(stderr, "golanguk: a session may run %s\n", strings.Join(sessionCommands[:3], ", "))
		return 2
	}
	// The flags that name a path are refused once parsed (sessionFlags).
	s := &app{term: ui.Terminal{In: strings.NewReader(""), Out: stdout, Env: env}, stderr: stderr,
		doc: ns.current.Load(), session: true, renderer: ns.renderer}
	return s.run(ctx, args)
}

// reload is SIGHUP: the notes again, from the same file or URL, for the
// sessions opened from now on and those open, which keep their place.
// The embedded notes and standard input are not read again; notes that
// fail to load or parse leave the sessions with those they have.
func (ns *notesServer) reload() {
	a := ns.a
	if a.notesFile == "" || a.notesFile == "-" {
		ns.log.Info("reload: nothing to reload", "notes", cmp.Or(a.notesFile, "embedded"))
		return
	}
	a.doc = nil
	d, err := a.document()
	if err != nil {
		ns.log.Warn("reload failed; keeping the notes", "err", err.Error())
		return
	}
	d.PrepareSearch() // before the sessions get it
	ns.current.Store(d)
	n := ns.srv.Send(ui.Reload(d))
	ns.log.Info("notes reloaded", "talks", len(d.Talks), "sessions", n)
}
