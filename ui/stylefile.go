package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"

	"charm.land/glamour/v2/ansi"
)

// Bounds of a glamour JSON style file. Real styles are a few KiB, with
// margins and indents of a few cells; a style asking for a margin of
// 100,000,000 cells made glamour pad every line with that many spaces
// until memory ran out.
const (
	maxStyleFile  = 256 << 10 // bytes
	maxStyleSpace = 64        // cells of any margin, indent or level indent
)

// LoadStyle reads the glamour JSON style file at path, refusing what
// could not be a style or would make rendering blow up: anything that is
// not a regular file (GLAMOUR_STYLE=/dev/zero, a FIFO), a file over 256 KiB, JSON
// that is not a style, and a margin, indent or list level indent over 64
// cells. Its errors are one line.
func LoadStyle(path string) (ansi.StyleConfig, error) {
	var cfg ansi.StyleConfig
	// Look before opening: opening a FIFO waits for a writer, for ever
	// (GLAMOUR_STYLE=fifo hung the browser, show and serve).
	if st, err := os.Stat(path); err != nil {
		return cfg, err
	} else if !st.Mode().IsRegular() {
		return cfg, errors.New("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return cfg, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return cfg, err
	}
	if !st.Mode().IsRegular() { // replaced since: what was opened counts
		return cfg, errors.New("not a regular file")
	}
	b, err := io.ReadAll(io.LimitReader(f, maxStyleFile+1))
	if err != nil {
		return cfg, err
	}
	if len(b) > maxStyleFile {
		return cfg, fmt.Errorf("larger than %d KiB; is it a style file?", maxStyleFile>>10)
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		return cfg, fmt.Errorf("not a glamour JSON style: %v", err)
	}
	if name, n, ok := tooWide(reflect.ValueOf(cfg), ""); ok {
		return cfg, fmt.Errorf("%s is %d cells; at most %d", name, n, maxStyleSpace)
	}
	return cfg, nil
}

// tooWide finds a margin, indent or level indent over maxStyleSpace in
// v, a style or a part of one, and names it by its JSON path.
func tooWide(v reflect.Value, path string) (name string, n uint64, found bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "", 0, false
		}
		return tooWide(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			p := path
			if !f.Anonymous {
				p = joinPath(path, jsonName(f))
			}
			fv := v.Field(i)
			switch f.Name {
			case "Margin", "Indent", "LevelIndent":
				if fv.Kind() == reflect.Pointer && !fv.IsNil() {
					fv = fv.Elem()
				}
				if fv.Kind() == reflect.Uint && fv.Uint() > maxStyleSpace {
					return p, fv.Uint(), true
				}
				continue
			}
			if name, n, ok := tooWide(fv, p); ok {
				return name, n, ok
			}
		}
	}
	return "", 0, false
}

func jsonName(f reflect.StructField) string {
	if tag := f.Tag.Get("json"); tag != "" && tag != "-" {
		for i := range len(tag) {
			if tag[i] == ',' {
				return tag[:i]
			}
		}
		return tag
	}
	return f.Name
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
