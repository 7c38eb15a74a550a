package main

import (
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
