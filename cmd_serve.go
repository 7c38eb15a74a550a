package main

import (
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
	logger := slog.New(slog.NewTextHandler(a.stderr, nil))
	// The notes every session reads; SIGHUP swaps them for sessions
	// started after, those open keep theirs.
	var current atomic.Pointer[notes.Document]
	current.Store(doc)
	notesNow := current.Load
	srv, err := serve.New(serve.Config{
		Listen:                 listen,
		HostKeyPath:            hostKey,
		MaxSessions:            limits.MaxSessions,
		MaxPerIP:               limits.MaxPerIP,
		NewConnsPerIPPerSecond: limits.NewConnsPerIPPerSecond,
		HandshakeTimeout:       limits.HandshakeTimeout,
		IdleTimeout:            limits.IdleTimeout,
		MaxSessionTime:         limits.MaxSessionTime,
		Logger:                 logger,
		Program: func(s serve.Session) (tea.Model, []tea.ProgramOption) {
			w := s.Window()
			m := ui.New(notesNow(), ui.Options{Remote: true, Terminal: ui.Terminal{
				Env: ui.Env(s.Environ()), IsTerminal: true, Width: w.Width, Height: w.Height, Profile: s.ColorProfile(),
			}})
			return m, nil
		},
		Command: func(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
			if len(args) == 0 || !slices.Contains(sessionCommands, args[0]) {
				fmt.Fprintf(stderr, "golanguk: a session may run %s\n", strings.Join(sessionCommands[:3], ", "))
				return 2
			}
			for _, arg := range args {
				if f, _, _ := strings.Cut(arg, "="); slices.Contains([]string{"--notes", "--style", "-s"}, f) {
					fmt.Fprintf(stderr, "golanguk: %s is not for a session\n", f)
					return 2
				}
			}
			// remote: a session reads no state of the server's, wherever its
			// environment points.
			s := &app{term: ui.Terminal{In: strings.NewReader(""), Out: stdout, Env: env}, stderr: stderr, doc: notesNow(), remote: true}
			return s.run(ctx, args)
		},
	})
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
			// SIGHUP: the notes again, from the same file or URL.
			if a.notesFile == "" {
				continue
			}
			a.doc = nil
			d, err := a.document()
			if err != nil {
				logger.Warn("reload failed; keeping the notes", "err", err.Error())
				continue
			}
			current.Store(d)
			logger.Info("notes reloaded", "talks", len(d.Talks))
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
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
	return srv.Shutdown(shut)
}
