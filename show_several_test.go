package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestShowSeveral: `show 1 2 19` printed talk 5 (the arguments were joined
// into one query), `xargs golanguk show` failed, and `show ""` printed
// talk 1. Each argument is now resolved on its own.
func TestShowSeveral(t *testing.T) {
	cleanEnv(t)
	titles := regexp.MustCompile(`(?m)^# .*$`)
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		titles []string
		stderr string
	}{
		{"numbers in the order given", []string{"show", "19", "1", "2"}, 0,
			[]string{"# Seven ways to profile Go applications", "# Keynote: SOLID Go design", "# Applied Go kit"}, ""},
		{"a number, a slug and a query", []string{"show", "3", "applied-go-kit", "gomobile"}, 0,
			[]string{"# Idiomatic Go Tricks", "# Applied Go kit", "# Building Mobile SDKs with GoMobile"}, ""},
		{"one argument that matches nothing", []string{"show", "1", "zzzqqq", "3"}, 1,
			[]string{"# Keynote: SOLID Go design", "# Idiomatic Go Tricks"}, `no talk matches "zzzqqq"`},
		{"a talk that does not exist", []string{"show", "2", "99"}, 2,
			[]string{"# Applied Go kit"}, "no talk 99"},
		{"an empty argument", []string{"show", "1", ""}, 2, nil, "TALK 2 is empty"},
		{"only an empty argument", []string{"show", ""}, 2, nil, "TALK 1 is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, append(c.args, "--format", "markdown"))
			if r.code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, c.code, r.stderr)
			}
			if got := titles.FindAllString(r.stdout, -1); strings.Join(got, "|") != strings.Join(c.titles, "|") {
				t.Errorf("printed %q, want %q", got, c.titles)
			}
			if c.stderr == "" && r.stderr != "" || !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr %q, want %q", r.stderr, c.stderr)
			}
		})
	}
}

func TestShowSeveralJSON(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"show", "2", "1", "--format", "json"})
	var talks []struct{ Number int }
	if err := json.Unmarshal([]byte(r.stdout), &talks); err != nil || r.code != 0 {
		t.Fatalf("show 2 1 --format json: exit %d, %v: %.200q", r.code, err, r.stdout)
	}
	if len(talks) != 2 || talks[0].Number != 2 || talks[1].Number != 1 {
		t.Errorf("talks %+v, want 2 then 1", talks)
	}
	r = cli(t, []string{"show", "2", "--format", "json"})
	var one struct{ Number int }
	if err := json.Unmarshal([]byte(r.stdout), &one); err != nil || one.Number != 2 {
		t.Errorf("show 2 --format json is not one object for talk 2: %v %.100q", err, r.stdout)
	}
}

// TestJSONLinksAll: talk 19's JSON had links: [] though its notes link to
// two URLs. Read from the notes: the speaker's page, then pkg/profile and
// Apple's Instruments guide.
func TestJSONLinksAll(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"show", "19", "--format", "json"})
	var o talkObject
	if err := json.Unmarshal([]byte(r.stdout), &o); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range o.Links {
		got = append(got, l.URL)
	}
	want := []string{
		"http://golanguk.com/speakers/#dave-cheney",
		"https://github.com/pkg/profile",
		"https://developer.apple.com/library/tvos/documentation/DeveloperTools/Conceptual/InstrumentsUserGuide",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("talk 19 links %q, want %q", got, want)
	}
	if len(o.Links) == 0 || !o.Links[0].Speaker || o.Links[1].Speaker {
		t.Errorf("only the speaker's page is a speaker link: %+v", o.Links)
	}
}

// TestJSONTitleMatchSnippet: a title hit's match had no snippet.
func TestJSONTitleMatchSnippet(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"list", "--json", "-q", "gomobile"})
	var talks []talkObject
	if err := json.Unmarshal([]byte(r.stdout), &talks); err != nil || len(talks) == 0 {
		t.Fatalf("%v: %.200q", err, r.stdout)
	}
	m := talks[0].Match
	if m == nil || m.Field != "title" || m.Snippet != "Building Mobile SDKs with GoMobile" {
		t.Errorf("match %+v, want the title as the snippet of a title hit", m)
	}
}
