package ui_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/golanguk/golanguk/ui"
)

// TestCopyWritesOSC52 presses y on the third talk and reads the clipboard
// write (OSC 52) from the output: it carries the talk's markdown.
func TestCopyWritesOSC52(t *testing.T) {
	doc := realNotes(t)
	tm := teatest.NewTestModel(t, ui.New(doc, ui.Options{Style: "dark"}), teatest.WithInitialTermSize(120, 40))
	tm.Type("jjy")
	osc52 := regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)(\x07|\x1b\\\\)")
	var payload string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		m := osc52.FindSubmatch(b)
		if m == nil {
			return false
		}
		payload = string(m[1])
		return true
	}, teatest.WithDuration(5*time.Second))
	got, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	if want := doc.Talks[2].Markdown(); string(got) != want {
		t.Errorf("clipboard got %d bytes %.60q…, want the markdown of %q", len(got), got, doc.Talks[2].Title)
	}
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestOpenRunsBrowser presses o with $BROWSER set to a script that
// records its argument: the speaker's link.
func TestOpenRunsBrowser(t *testing.T) {
	doc := realNotes(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+out+".tmp && mv "+out+".tmp "+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts := ui.Options{Style: "dark", Terminal: ui.Terminal{Env: ui.Env{"BROWSER=" + script}}}
	tm := teatest.NewTestModel(t, ui.New(doc, opts), teatest.WithInitialTermSize(120, 40))
	tm.Type("jo")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Open")) },
		teatest.WithDuration(5*time.Second))
	var got []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(out); err == nil {
			got = b
			break
		}
	}
	if want := doc.Talks[1].SpeakerURL; string(got) != want || !strings.HasPrefix(want, "http") {
		t.Errorf("browser opened %q, want the speaker link %q", got, want)
	}
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
