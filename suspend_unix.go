//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
)

// suspendRequests passes each SIGTSTP (kill -TSTP, or a terminal's
// suspend key where the terminal sends the signal) to the browser as a
// request to suspend, so that the browser gives the terminal back before
// the process stops, as less does. stop ends it.
func suspendRequests() (requests <-chan struct{}, stop func()) {
	tstp := make(chan os.Signal, 1)
	req := make(chan struct{}, 1)
	done := make(chan struct{})
	signal.Notify(tstp, syscall.SIGTSTP)
	go func() {
		defer signal.Stop(tstp)
		for {
			select {
			case <-tstp:
				select {
				case req <- struct{}{}:
				default: // one request is waiting already
				}
			case <-done:
				return
			}
		}
	}()
	return req, func() { close(done) }
}

// stopProcess stops the process group, as the terminal's ctrl+z does
// (`golanguk | pbcopy` is one job, stopped whole), until the shell
// continues it. Once SIGTSTP is caught, the Go runtime keeps a handler for
// it that stops nothing, so the stop is SIGSTOP, which cannot be caught:
// the shell says "Stopped (signal)", and fg continues it. The stop lands
// a moment after kill returns, so it returns only once continued.
func stopProcess() error {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	if err := syscall.Kill(0, syscall.SIGSTOP); err != nil {
		return err
	}
	<-cont
	return nil
}
