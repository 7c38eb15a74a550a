package ui

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// linkOf returns the link "o" opens for t: the speaker's page, else the
// first other link; only http, https and mailto.
func linkOf(t *notes.Talk) string {
	if t == nil {
		return ""
	}
	if linkable(t.SpeakerURL) {
		return t.SpeakerURL
	}
	for _, l := range t.Links {
		if linkable(l) {
			return l
		}
	}
	return ""
}

// linkable reports whether u may be made clickable or opened: an http,
// https or mailto URL with nothing a terminal or a shell would interpret.
func linkable(u string) bool {
	if u == "" || strings.ContainsFunc(u, func(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return true
	}
	return false
}

// openCmd opens u with the system opener, as env's BROWSER says, without
// waiting for it.
func openCmd(env Env, u string) tea.Cmd {
	browser := env.Getenv("BROWSER")
	return func() tea.Msg { return openedMsg{url: u, err: openURL(u, browser)} }
}

// openURL starts browser (the BROWSER variable: a colon-separated list,
// "%s" standing for the URL), else xdg-open, open or the Windows handler,
// and does not wait.
func openURL(u, browser string) error {
	if !linkable(u) {
		return fmt.Errorf("not an http, https or mailto link")
	}
	var cmd *exec.Cmd
	for _, b := range strings.Split(browser, string(os.PathListSeparator)) {
		f := strings.Fields(b)
		if len(f) == 0 {
			continue
		}
		if _, err := exec.LookPath(f[0]); err != nil {
			continue
		}
		args, replaced := f[1:], false
		for i, a := range args {
			if strings.Contains(a, "%s") {
				args[i] = strings.ReplaceAll(a, "%s", u)
				replaced = true
			}
		}
		if !replaced {
			args = append(args, u)
		}
		cmd = exec.Command(f[0], args...)
		break
	}
	if cmd == nil {
		switch runtime.GOOS {
		case "darwin":
			cmd = exec.Command("open", u)
		case "windows":
			cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
		default:
			cmd = exec.Command("xdg-open", u)
		}
	}
	// No stdin/stdout/stderr: the opener must not draw over the browser.
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reap it; its status is not ours
	return nil
}
