package ui

import (
	"reflect"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// StyleNoColor names NoColorStyle for the Renderer: the style for a
// terminal when NO_COLOR is set (see ResolveStyle).
const StyleNoColor = "nocolor"

// NoColorStyle is a glamour style with no colour that keeps the screen
// usable: headings bold (the first two levels underlined too) with no
// "###" before them, bold and italic as such rather than "**" and "*",
// code spans in reverse video, links underlined. NO_COLOR asks for no
// colour, not for literal markup (issue 12). It is glamour's dark style,
// its layout kept, with every colour taken out.
func NoColorStyle() ansi.StyleConfig {
	s := styles.DarkStyleConfig
	dropColours(reflect.ValueOf(&s).Elem())
	s.CodeBlock.Chroma = nil // no syntax colours; the block keeps its margin

	on := func() *bool { b := true; return &b }
	heading := func(underline bool) ansi.StyleBlock {
		p := ansi.StylePrimitive{Bold: on()}
		if underline {
			p.Underline = on()
		}
		return ansi.StyleBlock{StylePrimitive: p}
	}
	s.H1, s.H2 = heading(true), heading(true)
	s.H3, s.H4, s.H5, s.H6 = heading(false), heading(false), heading(false), heading(false)
	s.Strong = ansi.StylePrimitive{Bold: on()}
	s.Emph = ansi.StylePrimitive{Italic: on()}
	s.Strikethrough = ansi.StylePrimitive{CrossedOut: on()}
	s.Code = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: " ", Suffix: " ", Inverse: on()}}
	s.Link.Underline = on()
	s.LinkText.Bold = on()
	return s
}

// dropColours sets every Color and BackgroundColor under v to nil. It
// replaces pointers in v, the caller's copy, never what they point to,
// which glamour's own styles share.
func dropColours(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			switch name := v.Type().Field(i).Name; {
			case (name == "Color" || name == "BackgroundColor") && f.Kind() == reflect.Pointer:
				f.SetZero()
			case f.Kind() == reflect.Struct:
				dropColours(f)
			case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct:
				c := reflect.New(f.Elem().Type()) // a copy of its own
				c.Elem().Set(f.Elem())
				dropColours(c.Elem())
				f.Set(c)
			}
		}
	}
}
