package ui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// guardAll is what the guard makes of input that arrives in these reads.
func guardAll(chunks ...string) string {
	b, _ := io.ReadAll(&pasteGuard{r: &chunkReader{chunks: chunks}})
	return string(b)
}

// chunkReader returns its chunks one read at a time, as a terminal's reads
// come.
type chunkReader struct{ chunks []string }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

func TestPasteGuard(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"keys pass", "abc\x1b[A\x1b", "abc\x1b[A\x1b"},
		{"plain paste", "\x1b[200~hello\x1b[201~x", "\x1b[200~hello\x1b[201~x"},
		{"unterminated osc in a paste", "\x1b[200~error: \x1b]0;half\x1b[201~q", "\x1b[200~error: ^[]0;half\x1b[201~q"},
		{"csi in a paste", "\x1b[200~\x1b[2J\x1b[31mred\x1b[201~", "\x1b[200~^[[2J^[[31mred\x1b[201~"},
		{"a paste marker pasted", "\x1b[200~a\x1b[200~b\x1b[201~", "\x1b[200~a^[[200~b\x1b[201~"},
		{"escape right before the end", "\x1b[200~a\x1b\x1b[201~", "\x1b[200~a^[\x1b[201~"},
		{"keys after a paste", "\x1b[200~p\x1b[201~\x1b[B\x03", "\x1b[200~p\x1b[201~\x1b[B\x03"},
		{"two pastes", "\x1b[200~\x1b]52;c;x\x1b[201~\x1b[200~\x1b\\\x1b[201~", "\x1b[200~^[]52;c;x\x1b[201~\x1b[200~^[\\\x1b[201~"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := guardAll(c.in); got != c.want {
				t.Errorf("in one read:\n got %q\nwant %q", got, c.want)
			}
			// However the reads cut the input, the result is the same.
			for i := 1; i < len(c.in); i++ {
				for j := i; j < len(c.in); j++ {
					if got := guardAll(c.in[:i], c.in[i:j], c.in[j:]); got != c.want {
						t.Fatalf("cut at %d and %d:\n got %q\nwant %q", i, j, got, c.want)
					}
				}
			}
		})
	}
}

// A lone esc key is passed on by the read that brings it, not kept back
// to see whether a paste begins.
func TestPasteGuardPassesEscAtOnce(t *testing.T) {
	g := &pasteGuard{r: &chunkReader{chunks: []string{"\x1b", "[200~x\x1b[201~"}}}
	p := make([]byte, 16)
	n, err := g.Read(p)
	if err != nil || string(p[:n]) != "\x1b" {
		t.Fatalf("first read = %q, %v; want the esc", p[:n], err)
	}
	rest, _ := io.ReadAll(g)
	if string(rest) != "[200~x\x1b[201~" {
		t.Errorf("rest = %q", rest)
	}
}

type pasteProbe struct {
	pastes []string
	keys   []string
}

func (p pasteProbe) Init() tea.Cmd { return nil }

func (p pasteProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		p.pastes = append(p.pastes, msg.Content)
	case tea.KeyPressMsg:
		p.keys = append(p.keys, msg.String())
		if msg.String() == "q" {
			return p, tea.Quit
		}
	}
	return p, nil
}

func (p pasteProbe) View() tea.View { return tea.NewView("") }

// TestPastedUnterminatedEscape is the failure of the reliability review: a
// bracketed paste of "error: \x1b]0;half" swallowed every later key, ctrl+c
// included. Through the guard, Bubble Tea gets the paste as text and the
// keys after it.
func TestPastedUnterminatedEscape(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	in := guardPaste(strings.NewReader("\x1b[200~error: \x1b]0;half\x1b[201~jq"))
	p := tea.NewProgram(pasteProbe{}, tea.WithContext(ctx), tea.WithInput(in),
		tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignals())
	final, err := p.Run()
	if err != nil {
		t.Fatalf("the program did not end on q: %v", err)
	}
	got := final.(pasteProbe)
	if len(got.pastes) != 1 || got.pastes[0] != "error: ^[]0;half" {
		t.Errorf("pastes = %q, want the pasted text with its escape shown as ^[", got.pastes)
	}
	if strings.Join(got.keys, " ") != "j q" {
		t.Errorf("keys after the paste = %q, want j q", got.keys)
	}
}
