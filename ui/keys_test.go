package ui_test

import (
	"reflect"
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/ui"
)

// bindings returns every key.Binding in the key map, by field path.
func bindings(km ui.KeyMap) map[string]key.Binding {
	out := map[string]key.Binding{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if b, ok := v.Interface().(key.Binding); ok {
			out[path] = b
			return
		}
		if v.Kind() != reflect.Struct {
			return
		}
		for i := range v.NumField() {
			walk(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	}
	walk(reflect.ValueOf(km), "KeyMap")
	return out
}

func TestDefaultKeyMapHasHelp(t *testing.T) {
	bs := bindings(ui.DefaultKeyMap())
	if len(bs) < 30 {
		t.Fatalf("found only %d bindings: the walk is broken", len(bs))
	}
	for path, b := range bs {
		h := b.Help()
		if len(b.Keys()) == 0 || h.Key == "" || h.Desc == "" {
			t.Errorf("%s: keys %q, help %q %q", path, b.Keys(), h.Key, h.Desc)
		}
	}
}

// TestKeyMapModes drives the browser into each of its modes and checks
// that no key is bound twice among the enabled bindings and that the full
// help lists every enabled binding.
func TestKeyMapModes(t *testing.T) {
	doc := realNotes(t)
	cases := []struct {
		name string
		opts ui.Options
		size [2]int
		msgs []tea.Msg
	}{
		{"list", ui.Options{}, [2]int{120, 40}, nil},
		{"list narrow", ui.Options{}, [2]int{80, 24}, nil},
		{"list filtered", ui.Options{}, [2]int{120, 40}, runes("5")},
		{"search", ui.Options{}, [2]int{120, 40}, runes("/go")},
		{"detail", ui.Options{}, [2]int{120, 40}, []tea.Msg{keyTab}},
		{"detail narrow", ui.Options{}, [2]int{80, 24}, []tea.Msg{keyEnter}},
		{"about", ui.Options{}, [2]int{120, 40}, runes("i")},
		{"outline", ui.Options{}, [2]int{120, 40}, runes("t")},
		{"outline narrow", ui.Options{}, [2]int{80, 24}, append([]tea.Msg{keyEnter}, runes("t")...)},
		{"links", ui.Options{}, [2]int{120, 40}, append([]tea.Msg{keyTab}, runes("L")...)},
		{"empty list", ui.Options{}, [2]int{120, 40}, append(runes("/zzzzqqq"), keyEnter)},
		{"pick list", ui.Options{Pick: true}, [2]int{120, 40}, nil},
		{"pick detail", ui.Options{Pick: true}, [2]int{80, 24}, []tea.Msg{keyTab}},
		{"pick search", ui.Options{Pick: true}, [2]int{120, 40}, runes("/go")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m tea.Model = ui.New(doc, c.opts)
			msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: c.size[0], Height: c.size[1]}}, c.msgs...)
			for _, msg := range msgs {
				m, _ = m.Update(msg)
			}
			um := m.(ui.Model)
			owner := map[string]string{}
			n := 0
			for path, b := range bindings(um.KeyMap()) {
				if !b.Enabled() {
					continue
				}
				n++
				for _, k := range b.Keys() {
					if other, ok := owner[k]; ok {
						t.Errorf("key %q bound by %s and %s", k, other, path)
					}
					owner[k] = path
				}
			}
			if n == 0 {
				t.Fatal("no binding enabled")
			}
			var inHelp []key.Binding
			for _, col := range um.FullHelp() {
				inHelp = append(inHelp, col...)
			}
			for path, b := range bindings(um.KeyMap()) {
				if b.Enabled() && !slices.ContainsFunc(inHelp, func(h key.Binding) bool {
					return slices.Equal(h.Keys(), b.Keys()) && h.Help() == b.Help()
				}) {
					t.Errorf("%s (%q) is enabled but not in the full help", path, b.Keys())
				}
			}
			for _, b := range inHelp {
				if !b.Enabled() {
					t.Errorf("full help shows the disabled %q", b.Keys())
				}
			}
		})
	}
}
