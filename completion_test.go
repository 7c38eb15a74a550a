package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/ui"
)

// completion is what cobra's hidden __complete command answered.
type completion struct {
	values    []string // candidates without descriptions
	descs     []string // their descriptions ("" when none)
	directive cobra.ShellCompDirective
}

// complete runs `golanguk __complete args...` in process.
func complete(t *testing.T, args ...string) completion {
	t.Helper()
	r := cli(t, append([]string{"__complete"}, args...))
	if r.code != 0 {
		t.Fatalf("__complete %q: exit %d, stderr %q", args, r.code, r.stderr)
	}
	var c completion
	ls := lines(r.stdout)
	if len(ls) == 0 || !strings.HasPrefix(ls[len(ls)-1], ":") {
		t.Fatalf("__complete %q: no directive line in %q", args, r.stdout)
	}
	d, err := strconv.Atoi(strings.TrimPrefix(ls[len(ls)-1], ":"))
	if err != nil {
		t.Fatalf("__complete %q: directive %q", args, ls[len(ls)-1])
	}
	c.directive = cobra.ShellCompDirective(d)
	for _, l := range ls[:len(ls)-1] {
		v, desc, _ := strings.Cut(l, "\t")
		c.values = append(c.values, v)
		c.descs = append(c.descs, desc)
	}
	return c
}

func TestCompleteTalks(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	t.Run("all", func(t *testing.T) {
		c := complete(t, "show", "")
		var want, wantDescs []string
		for _, tk := range doc.Talks {
			want = append(want, strconv.Itoa(tk.Number), tk.Slug)
			wantDescs = append(wantDescs, tk.Title, tk.Title)
		}
		if len(doc.Talks) != 21 {
			t.Fatalf("the embedded notes have %d talks", len(doc.Talks))
		}
		if !slices.Equal(c.values, want) {
			t.Errorf("candidates %q, want %q", c.values, want)
		}
		if !slices.Equal(c.descs, wantDescs) {
			t.Errorf("descriptions %q, want the titles %q", c.descs, wantDescs)
		}
		if c.directive&cobra.ShellCompDirectiveNoFileComp == 0 {
			t.Errorf("directive %v offers files for TALK", c.directive)
		}
	})
	tests := []struct {
		name, prefix string
		want         []string
	}{
		{"number prefix", "1", []string{"1", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}},
		{"number", "21", []string{"21"}},
		{"slug prefix", "key", []string{"keynote-solid-go-design"}},
		{"slug prefix many", "building-", []string{
			"building-cloud-native-applications-with-go",
			"building-mobile-sdks-with-gomobile",
			"building-your-own-log-based-message-queue-in-go",
		}},
		// Not a prefix of any number or slug: the talks whose title or
		// speaker match, for shells that match by substring.
		{"title word", "sol", []string{"keynote-solid-go-design"}},
		{"speaker", "cheney", []string{"keynote-solid-go-design", "seven-ways-to-profile-go-applications"}},
		{"speaker without accents", "patan", []string{"go-from-dev-to-prod"}},
		{"nothing", "zzzqqq", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := complete(t, "show", tt.prefix)
			if !slices.Equal(c.values, tt.want) {
				t.Errorf("__complete show %q = %q, want %q", tt.prefix, c.values, tt.want)
			}
			for i, v := range c.values {
				tk, ok := doc.Lookup(v)
				if !ok || c.descs[i] != tk.Title {
					t.Errorf("candidate %q has description %q, want its title", v, c.descs[i])
				}
			}
			if c.directive&cobra.ShellCompDirectiveNoFileComp == 0 {
				t.Errorf("directive %v offers files for TALK", c.directive)
			}
		})
	}
	t.Run("second argument", func(t *testing.T) {
		if c := complete(t, "show", "1", ""); len(c.values) != 0 {
			t.Errorf("a second TALK completes to %q", c.values)
		}
	})
}

// TestCompleteTalksNotesFile checks completion reads --notes.
func TestCompleteTalksNotesFile(t *testing.T) {
	cleanEnv(t)
	f := filepath.Join(t.TempDir(), "mine.md")
	src := "# Mine\n\n## Hello, World\n> Ana - https://example.com\n\n:two: :star: :star:\n\nbody\n\n## Café Talk\n> Bo - https://example.com/bo\n\n:one: :star:\n\nbody\n"
	if err := os.WriteFile(f, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	c := complete(t, "--notes", f, "show", "")
	if want := []string{"1", "hello-world", "2", "cafe-talk"}; !slices.Equal(c.values, want) {
		t.Errorf("candidates %q, want %q", c.values, want)
	}
	c = complete(t, "--notes", filepath.Join(t.TempDir(), "missing.md"), "show", "")
	if len(c.values) != 0 || c.directive&cobra.ShellCompDirectiveError == 0 {
		t.Errorf("a missing notes file completes to %q, directive %v; want an error", c.values, c.directive)
	}
}

func TestCompleteFlagValues(t *testing.T) {
	cleanEnv(t)
	tests := []struct {
		args  []string
		want  []string
		files bool // may also complete file names
	}{
		{[]string{"list", "--sort", ""}, []string{"schedule", "stars", "title", "speaker", "relevance"}, false},
		{[]string{"list", "--min-stars", ""}, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, false},
		{[]string{"show", "1", "--format", ""}, formats, false},
		{[]string{"show", "1", "-f", ""}, formats, false},
		{[]string{"about", "--format", ""}, formats, false},
		{[]string{"show", "1", "--style", ""}, ui.StyleNames, true}, // or a JSON style file
		{[]string{"about", "--style", ""}, ui.StyleNames, true},
		{[]string{"--style", ""}, ui.StyleNames, true}, // the browser's
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			c := complete(t, tt.args...)
			if !slices.Equal(sortedCopy(c.values), sortedCopy(tt.want)) {
				t.Errorf("candidates %q, want %q", c.values, tt.want)
			}
			if files := c.directive&cobra.ShellCompDirectiveNoFileComp == 0; files != tt.files {
				t.Errorf("directive %v: completes files %v, want %v", c.directive, files, tt.files)
			}
		})
	}
	// Every value offered is accepted.
	for _, f := range formats {
		if r := cli(t, []string{"show", "1", "--format", f}); r.code != 0 {
			t.Errorf("--format %s: exit %d %q", f, r.code, r.stderr)
		}
	}
	for _, s := range ui.StyleNames {
		if r := cli(t, []string{"show", "1", "--format", "ansi", "--style", s}); r.code != 0 {
			t.Errorf("--style %s: exit %d %q", s, r.code, r.stderr)
		}
	}
	for _, s := range []string{"schedule", "stars", "title", "speaker", "relevance"} {
		if r := cli(t, []string{"list", "--sort", s}); r.code != 0 {
			t.Errorf("--sort %s: exit %d %q", s, r.code, r.stderr)
		}
	}
}

func TestCompleteCommands(t *testing.T) {
	cleanEnv(t)
	c := complete(t, "")
	// man is a command like the others, listed in --help (issue 12).
	for _, want := range []string{"list", "show", "about", "completion", "help", "man"} {
		if !slices.Contains(c.values, want) {
			t.Errorf("commands %q lack %q", c.values, want)
		}
	}
	c = complete(t, "show", "1", "--")
	for _, want := range []string{"--format", "--width", "--style", "--all", "--notes"} {
		if !slices.Contains(c.values, want) {
			t.Errorf("show flags %q lack %q", c.values, want)
		}
	}
}

// TestCompletionScripts checks the scripts for each shell are generated.
func TestCompletionScripts(t *testing.T) {
	cleanEnv(t)
	for shell, want := range map[string]string{
		"bash": "__start_golanguk",
		"zsh":  "#compdef golanguk",
		"fish": "complete -c golanguk",
	} {
		r := cli(t, []string{"completion", shell})
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("completion %s: exit %d, no %q in %.200q", shell, r.code, want, r.stdout)
		}
	}
}

// shellWithGolanguk returns an environment whose PATH finds the built
// golanguk first.
func shellWithGolanguk(t *testing.T) []string {
	t.Helper()
	bin := golangukBinary(t)
	return append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"NO_COLOR=", "GLAMOUR_STYLE=")
}

// TestCompletionInBash sources the bash script as a user does and asks it
// to complete command lines.
func TestCompletionInBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		t.Skip("no bash-completion package")
	}
	env := shellWithGolanguk(t)
	tests := []struct {
		line string
		want []string
	}{
		{"golanguk sh", []string{"show"}},
		{"golanguk show key", []string{"keynote-solid-go-design"}},
		{"golanguk show 2", []string{"2", "20", "21"}},
		{"golanguk list --sort ", []string{"schedule", "stars", "title", "speaker", "relevance"}},
		{"golanguk show 1 --format ", formats},
		{"golanguk show 1 --format m", []string{"markdown"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			script := `source ` + bashCompletion + `
source <(golanguk completion bash)
COMP_LINE="$1"
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
__start_golanguk golanguk "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
`
			cmd := exec.Command(bash, "-c", script, "bash", tt.line)
			cmd.Env = env
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("bash: %v", err)
			}
			var got []string
			for _, l := range lines(string(out)) {
				// With several candidates, bash shows descriptions:
				// "2  (Applied Go kit)".
				v, _, _ := strings.Cut(strings.TrimSpace(l), " ")
				if v != "" {
					got = append(got, v)
				}
			}
			if !slices.Equal(sortedCopy(got), sortedCopy(tt.want)) {
				t.Errorf("bash completes %q to %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestCompletionInFish asks fish, which matches candidates by substring
// too, to complete command lines.
func TestCompletionInFish(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("no fish")
	}
	env := shellWithGolanguk(t)
	tests := []struct {
		line string
		want []string
	}{
		{"golanguk show sol", []string{"keynote-solid-go-design\tKeynote: SOLID Go design"}},
		{"golanguk show 2", []string{"2\tApplied Go kit", "20\tBuilding your own log-based message queue in Go", "21\tReal-Time Go"}},
		{"golanguk list --sort st", []string{"stars"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			cmd := exec.Command(fish, "--no-config", "-c", "golanguk completion fish | source; complete -C $argv[1]", tt.line)
			cmd.Env = env
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("fish: %v", err)
			}
			if got := lines(string(out)); !slices.Equal(got, tt.want) {
				t.Errorf("fish completes %q to %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestCompletionScriptZsh checks zsh reads the zsh script.
func TestCompletionScriptZsh(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("no zsh")
	}
	env := shellWithGolanguk(t)
	cmd := exec.Command(zsh, "-f", "-c", `autoload -U compinit && compinit -u -D && source <(golanguk completion zsh) && (( $+functions[_golanguk] )) && echo ok`)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("zsh: %v: %s", err, out)
	}
}
