package lexers

import (
	"github.com/alecthomas/chroma/v2"
	"strings"
)

// Zed lexer.
// golanguk: Zed is defined in XML, which the registry reads on first use.
func init() { // nolint: gochecknoinits
	GlobalLexerRegistry.AfterLoad(setZedAnalyser)
}

func setZedAnalyser(get func(string) chroma.Lexer) {
	get("Zed").SetAnalyser(func(text string) float32 {
		if strings.Contains(text, "definition ") && strings.Contains(text, "relation ") && strings.Contains(text, "permission ") {
			return 0.9
		}
		if strings.Contains(text, "definition ") {
			return 0.5
		}
		if strings.Contains(text, "relation ") {
			return 0.5
		}
		if strings.Contains(text, "permission ") {
			return 0.25
		}
		return 0.0
	})
}
