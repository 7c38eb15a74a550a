package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The expected outlines and links below are read off
// data/golanguk-2016.md by eye: the "###"/"####" lines of each talk, and
// its photo, speaker URL and the URLs of its notes in the order they stand.

func TestShowOutline(t *testing.T) {
	cleanEnv(t)
	cases := []struct {
		name, talk string
		want       string
	}{
		{"solid: ### with markup", "1", "The SOLID principles\nSummary\n"},
		{"go kit: #### under ###", "2", "microservices\ngo kit\n  code show\n  transport\n  dist tracing\n"},
		{"context: ### then ####", "7", "derived contexts\nmore\n  demo\n"},
		{"machines: five ###", "13", "virtual machines\nMemory\nCPU\nTransport triggering\nRandom thoughts\n"},
		{"pipelines: #### only", "16", "  The pipeline\n  design goals\n  go\n"},
		{"profiling: none", "19", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, []string{"show", c.talk, "--outline"})
			if r.code != 0 || r.stdout != c.want {
				t.Errorf("show %s --outline: status %d\n got %q\nwant %q\nstderr %q", c.talk, r.code, r.stdout, c.want, r.stderr)
			}
			if c.want == "" && !strings.Contains(r.stderr, "has no sections") {
				t.Errorf("show %s --outline says nothing of the missing sections: stderr %q", c.talk, r.stderr)
			}
		})
	}
}

func TestShowLinks(t *testing.T) {
	cleanEnv(t)
	const sp = "http://golanguk.com/speakers/#"
	cases := []struct {
		name, talk string
		want       []string
	}{
		{"solid: photo, speaker, a bare URL", "1", []string{
			"1\thttp://i.imgur.com/1d1nzZ9.jpg\t",
			"2\t" + sp + "dave-cheney\tDave Cheney",
			"3\thttps://github.com/mvdan/interfacer\tRelated tool https://github.com/mvdan/interfacer",
		}},
		{"cloud: images among the notes", "4", []string{
			"1\thttp://i.imgur.com/KqPoebX.jpg\t",
			"2\t" + sp + "matthew-campbell\tMatthew Cambell",
			"3\thttp://i.imgur.com/GrsapRr.jpg\t",
			"4\thttp://swagger.io/specification/\tschemas + codegen rule. Alternative http://swagger.io/specification/",
			"5\thttp://opentsdb.net/\t…prometheus is pull-oriented they don't crash a push system like they did with http://opentsdb.net/",
			"6\thttp://i.imgur.com/Y8B9Ksw.jpg\t",
		}},
		{"gilmour: a second speaker URL", "9", []string{
			"1\thttps://i.imgur.com/sOHTgfK.jpg\t",
			"2\t" + sp + "piyush-verma\tPiyush Verma",
			"3\thttps://github.com/gilmour-libs/gilmour\thttps://github.com/gilmour-libs/gilmour",
		}},
		{"machines: no photo", "13", []string{
			"1\t" + sp + "eleanor-mchugh\tEleanor McHugh",
			"2\thttps://en.wikipedia.org/wiki/Threaded_code#Indirect_threading\thttps://en.wikipedia.org/wiki/Threaded_code#Indirect_threading",
			"3\thttps://en.wikipedia.org/wiki/Transport_triggered_architecture\thttps://en.wikipedia.org/wiki/Transport_triggered_architecture",
			"4\thttps://en.wikipedia.org/wiki/Parent_pointer_tree\tcactus stack: https://en.wikipedia.org/wiki/Parent_pointer_tree",
		}},
		{"profiling: an inline link with text", "19", []string{
			"1\t" + sp + "dave-cheney\tDave Cheney",
			"2\thttps://github.com/pkg/profile\thttps://github.com/pkg/profile",
			"3\thttps://developer.apple.com/library/tvos/documentation/DeveloperTools/Conceptual/InstrumentsUserGuide\tthis apple tool",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, []string{"show", c.talk, "--links"})
			if got := lines(r.stdout); r.code != 0 || !reflect.DeepEqual(got, c.want) {
				t.Errorf("show %s --links: status %d\n got %q\nwant %q", c.talk, r.code, got, c.want)
			}
		})
	}
}

func TestShowAidsSeveral(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"show", "7", "16", "--outline"})
	want := "==> 7 A beginners guide to Context <==\nderived contexts\nmore\n  demo\n\n" +
		"==> 16 Managing and scaling Real-time Data Pipelines using Go <==\n  The pipeline\n  design goals\n  go\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("show 7 16 --outline: status %d\n got %q\nwant %q", r.code, r.stdout, want)
	}
}

func TestShowAidsFlags(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{
		{"show", "1", "--outline", "--links"},
		{"show", "1", "--outline", "--format", "json"},
		{"show", "1", "--links", "-f", "json"},
	} {
		if r := cli(t, args); r.code != 2 || r.stdout != "" || r.stderr == "" {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want a usage error", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestShowJSONSections checks the sections of show --format json against
// the headings of talk 7 (lines 359, 366 and 376 of the file; its rating
// is on line 345, so they are lines 13, 20 and 30 of the notes), and that
// a talk without headings has "sections": [].
func TestShowJSONSections(t *testing.T) {
	cleanEnv(t)
	type section struct {
		Level  int    `json:"level"`
		Title  string `json:"title"`
		Anchor string `json:"anchor"`
		Line   int    `json:"line"`
	}
	var got struct {
		Sections []section `json:"sections"`
	}
	r := cli(t, []string{"show", "7", "--format", "json"})
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	want := []section{{3, "derived contexts", "derived-contexts", 13}, {3, "more", "more", 20}, {4, "demo", "demo", 30}}
	if !reflect.DeepEqual(got.Sections, want) {
		t.Errorf("talk 7 sections %+v, want %+v", got.Sections, want)
	}
	r = cli(t, []string{"show", "19", "--format", "json"})
	if !strings.Contains(r.stdout, `"sections": []`) {
		t.Errorf("talk 19's JSON has no empty sections: %s", r.stdout)
	}
}
