package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestImpossibleQuery: an impossible query is a one-line usage error
// (exit 2) in every command that takes one, never "no talk matches".
func TestImpossibleQuery(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{
		{"list", "-q", "stars:>=11"},
		{"list", "-q", "stars:abc"},
		{"list", "--json", "-q", "go stars:7..3"},
		{"show", "has:video"},
		{"-q", "stars:>=11"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := cli(t, args)
			if r.code != 2 || !strings.HasPrefix(r.stderr, "golanguk: query: ") || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line starting golanguk: query:", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestQuerySyntaxCLI runs the query language through list -q, with the
// talks expected read from the notes.
func TestQuerySyntaxCLI(t *testing.T) {
	cleanEnv(t)
	for _, c := range []struct {
		query string
		want  []string // talk numbers, in order
	}{
		{"speaker:cheney", []string{"1", "19"}},
		{"speaker:cheney stars:>=8 has:image", []string{"1"}},
		{"'deadlock", []string{"10"}},
		// go-mobile and Context are whole words in their titles (schedule
		// order between them), GoMobile only holds the letters.
		{"title:mobile | title:context", []string{"6", "7", "18"}},
		{"stars:9", []string{"10"}},
	} {
		t.Run(c.query, func(t *testing.T) {
			r := cli(t, []string{"list", "-q", c.query})
			var got []string
			for _, l := range lines(r.stdout) {
				if n, _, ok := strings.Cut(l, "\t"); ok {
					got = append(got, n)
				}
			}
			if r.code != 0 || strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("list -q %q: exit %d, talks %q; want %q (stderr %q)", c.query, r.code, got, c.want, r.stderr)
			}
		})
	}
}

// TestJSONMatchTerms: JSON match names the term each position belongs
// to. Read from the notes: "Dave Cheney" holds Cheney at bytes 5-11,
// "Keynote: SOLID Go design" SOLID at 9-14.
func TestJSONMatchTerms(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"list", "--json", "-q", "speaker:cheney solid"})
	var talks []struct {
		Number int `json:"number"`
		Match  struct {
			Terms []struct {
				Term   string   `json:"term"`
				Query  [2]int   `json:"query"`
				Field  string   `json:"field"`
				Ranges [][2]int `json:"ranges"`
			} `json:"terms"`
		} `json:"match"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &talks); err != nil || len(talks) != 1 || talks[0].Number != 1 {
		t.Fatalf("want talk 1 alone: %v %.200q", err, r.stdout)
	}
	var got []string
	for _, m := range talks[0].Match.Terms {
		got = append(got, fmt.Sprintf("%s@%v:%s%v", m.Term, m.Query, m.Field, m.Ranges))
	}
	for _, want := range []string{"cheney@[0 14]:speaker[[5 11]]", "solid@[15 20]:title[[9 14]]"} {
		if !slices.Contains(got, want) {
			t.Errorf("terms %q lack %q", got, want)
		}
	}
}

// TestQueryShortTable: list --help and the man page carry the short table,
// with every row of README's query table, not only some.
func TestQueryShortTable(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{{"list", "--help"}, {"man"}} {
		out := cli(t, args).stdout
		out = strings.ReplaceAll(out, `\&`, "")
		out = strings.Join(strings.Fields(out), " ")
		for _, row := range []string{"| between terms is OR", "word is fuzzy", "'word exact", "'word' exact at word boundaries",
			"^word a prefix", "word$ a suffix", "^word$ equal", "!word excludes", "!'word a fuzzy one", "title:", "speaker:",
			"notes:", "link:", "stars:>=7", "has:code"} {
			if !strings.Contains(out, row) {
				t.Errorf("%v: no %q in the short query table", args, row)
			}
		}
	}
}
