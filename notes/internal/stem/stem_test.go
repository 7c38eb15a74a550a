package stem

import "testing"

func TestOf(t *testing.T) {
	same := [][]string{
		{"profile", "profiles", "profiler", "profilers", "profiling", "profiled"},
		{"test", "tests", "testing", "tested", "tester"},
		{"log", "logs", "logging", "logged", "logger"},
		{"context", "contexts"},
		{"deploy", "deploys", "deployed", "deploying"},
		{"library", "libraries"},
		{"run", "running", "runs"},
	}
	for _, forms := range same {
		want := Of(forms[0])
		if forms[0] == "log" || forms[0] == "run" {
			want = forms[0] // too short for Of: the longer forms stem to it
		}
		for _, f := range forms[1:] {
			if got := Of(f); got != want {
				t.Errorf("Of(%q) = %q, want %q (as %q)", f, got, want, forms[0])
			}
		}
	}
	differ := [][2]string{{"go", "gopher"}, {"call", "cal"}, {"uses", "us"}, {"context", "contest"}, {"pass", "pas"}}
	for _, d := range differ {
		if a, b := Of(d[0]), Of(d[1]); a == b && a != "" {
			t.Errorf("Of(%q) = Of(%q) = %q", d[0], d[1], a)
		}
	}
	for _, w := range []string{"", "go", "gc", "io", "x/net", "a-b"} {
		if got := Of(w); got != "" {
			t.Errorf("Of(%q) = %q, want none", w, got)
		}
	}
}
