package ui

// The links of the talk being read: every link and image, numbered in
// reading order as the notes pane numbers them ("[3]"), each with its text
// and its URL. enter opens one, y copies it, and typing its number picks
// it.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
)

// LinksKeyMap holds the bindings of the links view.
type LinksKeyMap struct {
	Up     key.Binding
	Down   key.Binding
	Top    key.Binding
	Bottom key.Binding
	Number key.Binding // digits: the link of that number
	Open   key.Binding
	Copy   key.Binding
	Close  key.Binding
}

// DefaultLinksKeyMap returns the default links bindings.
func DefaultLinksKeyMap() LinksKeyMap {
	return LinksKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous link")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next link")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first link")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last link")),
		Number: key.NewBinding(
			key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
			key.WithHelp("0-9", "link of that number")),
		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open link")),
		Copy:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy URL")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close links")),
	}
}

func (k *LinksKeyMap) setEnabled(on bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.Number, &k.Open, &k.Copy, &k.Close} {
		b.SetEnabled(on)
	}
}

// ShortHelp is the links view's line of help.
func (k LinksKeyMap) ShortHelp() []key.Binding {
	return enabled(k.Number, k.Open, k.Copy, k.Down, k.Up, k.Close)
}

// FullHelp is every links binding, in columns.
func (k LinksKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{enabled(k.Up, k.Down, k.Top, k.Bottom), enabled(k.Number, k.Open, k.Copy, k.Close)}
}

// MSG

// linkDigitsMsg ends the typing of a link's number, if id is still the
// latest digit's.
type linkDigitsMsg struct{ id int }

// digitWindow is how long after a digit the next one goes on the same
// number: "1" then "2" within it picks link 12.
const digitWindow = 1500 * time.Millisecond

// MODEL

// linksModel is the list of a talk's links, one selected.
type linksModel struct {
	keys   *LinksKeyMap
	styles *Styles
	links  []notes.Link
	sel    int
	top    int // first link shown

	number   int // the number being typed, 0 when none
	digitsID int

	width, height int
}

func newLinks(keys *LinksKeyMap, styles *Styles, links []notes.Link, sel int) linksModel {
	l := linksModel{keys: keys, styles: styles, links: links}
	l.sel = max(0, min(sel, len(links)-1))
	return l
}

func (l linksModel) selected() notes.Link { return l.links[l.sel] }

func (l *linksModel) setSize(w, h int) {
	l.width, l.height = max(0, w), max(0, h)
	l.scroll()
}

// rows is the number of links in view: two lines each, under the title.
func (l linksModel) rows() int { return max(1, (l.height-1)/2) }

func (l *linksModel) scroll() {
	n := l.rows()
	l.top = max(0, min(l.top, l.sel, len(l.links)-n))
	if l.sel >= l.top+n {
		l.top = l.sel - n + 1
	}
}

// UPDATE

// Update moves the selection, and picks the link whose number is typed:
// each digit goes on the number typed so far while that names a link
// ("1" "2": 12 of 15 links, 2 of 9), else starts a new one.
func (l linksModel) Update(msg tea.Msg) (linksModel, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case linkDigitsMsg:
		if msg.id == l.digitsID {
			l.number = 0
		}
		return l, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, l.keys.Number) {
			d, _ := strconv.Atoi(msg.String())
			n := l.number*10 + d
			if l.number == 0 || n > len(l.links) {
				n = d
			}
			l.number = n
			if n >= 1 && n <= len(l.links) {
				l.sel = n - 1
			}
			l.digitsID++
			if n == 0 || n*10 > len(l.links) {
				l.number = 0 // no digit more can name a link
				break
			}
			id := l.digitsID
			cmd = tea.Tick(digitWindow, func(time.Time) tea.Msg { return linkDigitsMsg{id} })
			break
		}
		l.number = 0
		switch {
		case key.Matches(msg, l.keys.Up):
			l.sel = max(0, l.sel-1)
		case key.Matches(msg, l.keys.Down):
			l.sel = min(len(l.links)-1, l.sel+1)
		case key.Matches(msg, l.keys.Top):
			l.sel = 0
		case key.Matches(msg, l.keys.Bottom):
			l.sel = len(l.links) - 1
		}
	}
	l.scroll()
	return l, cmd
}

// VIEW

// View draws the links in exactly height lines of width cells: a title
// line, then two lines a link: its number and text, then its URL.
func (l linksModel) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	st := l.styles.Aids
	lines := make([]string, 0, l.height)
	title := fmt.Sprintf(" Links · %d of %d", l.sel+1, len(l.links))
	if l.number > 0 {
		title += fmt.Sprintf(" · typed %d…", l.number)
	}
	lines = append(lines, fitLine(st.Title.Render(truncate(title, l.width)), l.width))
	nw := len(strconv.Itoa(len(l.links)))
	indent := strings.Repeat(" ", 2+nw+1)
	for i := l.top; i < len(l.links) && len(lines) < l.height; i++ {
		lk := l.links[i]
		mark, text := "  ", st.Item
		if i == l.sel {
			mark, text = st.Marker.Render(aidMarker)+" ", st.Selected
		}
		num := fmt.Sprintf("%*d", nw, lk.Number)
		// The text without the URL, which the next line shows: the
		// line around a bare URL, less the URL.
		desc := escape.String(strings.Join(strings.Fields(strings.Replace(lk.Text, lk.URL, "", 1)), " "))
		if desc == "" {
			desc = lk.Kind.String()
		}
		var tags []string
		if lk.Speaker {
			tags = append(tags, "speaker")
		}
		if lk.Kind == notes.KindImage && lk.Text != "" {
			tags = append(tags, "image")
		}
		if !lk.Openable() || !linkable(lk.URL) {
			tags = append(tags, "not opened")
		}
		room := l.width - len(indent)
		first := mark + st.Number.Render(num) + " "
		if n := strings.Join(tags, " · "); n != "" && room > 12 {
			t := truncate(desc, max(1, room-len(n)-3))
			first += text.Render(t) + st.Note.Render(" · "+n)
		} else {
			first += text.Render(truncate(desc, room))
		}
		lines = append(lines, fitLine(first, l.width))
		if len(lines) < l.height {
			lines = append(lines, fitLine(indent+st.URL.Render(truncate(escape.String(lk.URL), room)), l.width))
		}
	}
	blank := strings.Repeat(" ", l.width)
	for len(lines) < l.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}
