package chroma

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

var (
	ignoredSuffixes = [...]string{
		// Editor backups
		"~", ".bak", ".old", ".orig",
		// Debian and derivatives apt/dpkg/ucf backups
		".dpkg-dist", ".dpkg-old", ".ucf-dist", ".ucf-new", ".ucf-old",
		// Red Hat and derivatives rpm backups
		".rpmnew", ".rpmorig", ".rpmsave",
		// Build system input/template files
		".in",
	}
)

// LexerRegistry is a registry of Lexers.
type LexerRegistry struct {
	Lexers  Lexers
	byName  map[string]Lexer
	byAlias map[string]Lexer

	// golanguk: lexers registered on first use (see NewLazyLexerRegistry).
	load     func() []Lexer
	loaded   []func(get func(name string) Lexer)
	loadOnce sync.Once
}

// NewLazyLexerRegistry creates a LexerRegistry whose lexers from load are
// registered the first time the registry is asked for a lexer (Names, Get,
// Match, MatchMimeType, Analyse), not when it is created. They are
// registered ahead of any registered meanwhile with Register, so a lexer
// registered with Register wins a name or alias, as it would if load had run
// first. (golanguk: this is the patch; upstream registers every lexer when the
// lexers package initialises, on every start of every program that links it.)
func NewLazyLexerRegistry(load func() []Lexer) *LexerRegistry {
	l := NewLexerRegistry()
	l.load = load
	return l
}

// AfterLoad runs f once the lazily loaded lexers are registered, at once if
// the registry is not lazy. f finds lexers with get, which is Get; it must
// not call the registry's own methods, which wait for the loading f is part
// of. Call AfterLoad only while initialising, before the registry is used.
func (l *LexerRegistry) AfterLoad(f func(get func(name string) Lexer)) {
	if l.load == nil {
		f(l.get)
		return
	}
	l.loaded = append(l.loaded, f)
}

// ensure registers the lazily loaded lexers, once.
func (l *LexerRegistry) ensure() {
	if l.load == nil {
		return
	}
	l.loadOnce.Do(func() {
		early := l.Lexers
		l.Lexers = nil
		l.byName = map[string]Lexer{}
		l.byAlias = map[string]Lexer{}
		for _, lexer := range l.load() {
			l.Register(lexer)
		}
		for _, lexer := range early {
			l.Register(lexer)
		}
		for _, f := range l.loaded {
			f(l.get)
		}
		l.loaded = nil
	})
}

// NewLexerRegistry creates a new LexerRegistry of Lexers.
func NewLexerRegistry() *LexerRegistry {
	return &LexerRegistry{
		byName:  map[string]Lexer{},
		byAlias: map[string]Lexer{},
	}
}

// Names of all lexers, optionally including aliases.
func (l *LexerRegistry) Names(withAliases bool) []string {
	l.ensure()
	out := []string{}
	for _, lexer := range l.Lexers {
		config := lexer.Config()
		out = append(out, config.Name)
		if withAliases {
			out = append(out, config.Aliases...)
		}
	}
	sort.Strings(out)
	return out
}

// Get a Lexer by name, alias or file extension.
func (l *LexerRegistry) Get(name string) Lexer {
	l.ensure()
	return l.get(name)
}

func (l *LexerRegistry) get(name string) Lexer {
	if lexer := l.byName[name]; lexer != nil {
		return lexer
	}
	if lexer := l.byAlias[name]; lexer != nil {
		return lexer
	}
	if lexer := l.byName[strings.ToLower(name)]; lexer != nil {
		return lexer
	}
	if lexer := l.byAlias[strings.ToLower(name)]; lexer != nil {
		return lexer
	}

	candidates := PrioritisedLexers{}
	// Try file extension.
	if lexer := l.match("filename." + name); lexer != nil {
		candidates = append(candidates, lexer)
	}
	// Try exact filename.
	if lexer := l.match(name); lexer != nil {
		candidates = append(candidates, lexer)
	}
	if len(candidates) == 0 {
		return nil
	}
	sort.Sort(candidates)
	return candidates[0]
}

// MatchMimeType attempts to find a lexer for the given MIME type.
func (l *LexerRegistry) MatchMimeType(mimeType string) Lexer {
	l.ensure()
	matched := PrioritisedLexers{}
	for _, l := range l.Lexers {
		for _, lmt := range l.Config().MimeTypes {
			if mimeType == lmt {
				matched = append(matched, l)
			}
		}
	}
	if len(matched) != 0 {
		sort.Sort(matched)
		return matched[0]
	}
	return nil
}

// Match returns the first lexer matching filename.
func (l *LexerRegistry) Match(filename string) Lexer {
	l.ensure()
	return l.match(filename)
}

func (l *LexerRegistry) match(filename string) Lexer {
	filename = filepath.Base(filename)
	matched := PrioritisedLexers{}
	// First, try primary filename matches.
	for _, lexer := range l.Lexers {
		config := lexer.Config()
		for _, glob := range config.Filenames {
			ok, err := filepath.Match(glob, filename)
			if err != nil { // nolint
				panic(err)
			} else if ok {
				matched = append(matched, lexer)
			} else {
				for _, suf := range &ignoredSuffixes {
					ok, err := filepath.Match(glob+suf, filename)
					if err != nil {
						panic(err)
					} else if ok {
						matched = append(matched, lexer)
						break
					}
				}
			}
		}
	}
	if len(matched) > 0 {
		sort.Sort(matched)
		return matched[0]
	}
	matched = nil
	// Next, try filename aliases.
	for _, lexer := range l.Lexers {
		config := lexer.Config()
		for _, glob := range config.AliasFilenames {
			ok, err := filepath.Match(glob, filename)
			if err != nil { // nolint
				panic(err)
			} else if ok {
				matched = append(matched, lexer)
			} else {
				for _, suf := range &ignoredSuffixes {
					ok, err := filepath.Match(glob+suf, filename)
					if err != nil {
						panic(err)
					} else if ok {
						matched = append(matched, lexer)
						break
					}
				}
			}
		}
	}
	if len(matched) > 0 {
		sort.Sort(matched)
		return matched[0]
	}
	return nil
}

// Analyse text content and return the "best" lexer..
func (l *LexerRegistry) Analyse(text string) Lexer {
	l.ensure()
	var picked Lexer
	highest := float32(0.0)
	for _, lexer := range l.Lexers {
		if analyser, ok := lexer.(Analyser); ok {
			weight := analyser.AnalyseText(text)
			if weight > highest {
				picked = lexer
				highest = weight
			}
		}
	}
	return picked
}

// Register a Lexer with the LexerRegistry.
func (l *LexerRegistry) Register(lexer Lexer) Lexer {
	lexer.SetRegistry(l)
	config := lexer.Config()
	l.byName[config.Name] = lexer
	l.byName[strings.ToLower(config.Name)] = lexer
	for _, alias := range config.Aliases {
		l.byAlias[alias] = lexer
		l.byAlias[strings.ToLower(alias)] = lexer
	}
	l.Lexers = append(l.Lexers, lexer)
	return lexer
}
