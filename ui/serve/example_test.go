package serve_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/ui/serve"
)

// A caller (main) builds the Config from its flags, runs the server and
// shuts it down on a signal it caught itself.
func Example() {
	srv, err := serve.New(serve.Config{
		Listen:      "127.0.0.1:2222",
		HostKeyPath: "/var/lib/golanguk/ssh_host_ed25519_key",
		Logger:      slog.New(slog.NewTextHandler(os.Stderr, nil)),
		Program: func(s serve.Session) (tea.Model, []tea.ProgramOption) {
			// One model per session, sized and coloured for it.
			return sizeModel{}, nil
		},
		Command: func(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
			if len(args) == 1 && args[0] == "about" {
				fmt.Fprintln(stdout, "GolangUK 2016 talk notes")
				return 0
			}
			fmt.Fprintln(stderr, "unknown command")
			return 2
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	go srv.ListenAndServe()
	// ... on SIGTERM:
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}
