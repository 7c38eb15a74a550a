package lexers

import (
	"regexp"

	"github.com/alecthomas/chroma/v2"
)

// TODO(moorereason): can this be factored away?
var bashAnalyserRe = regexp.MustCompile(`(?m)^#!.*/bin/(?:env |)(?:bash|zsh|sh|ksh)`)

// golanguk: bash is defined in XML, which the registry reads on first use.
func init() { // nolint: gochecknoinits
	GlobalLexerRegistry.AfterLoad(setBashAnalyser)
}

func setBashAnalyser(get func(string) chroma.Lexer) {
	get("bash").SetAnalyser(func(text string) float32 {
		if bashAnalyserRe.FindString(text) != "" {
			return 1.0
		}
		return 0.0
	})
}
