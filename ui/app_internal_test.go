package ui

import "testing"

func TestLinkable(t *testing.T) {
	cases := []struct {
		url  string
		want bool
	}{
		{"http://golanguk.com/speakers/#dave-cheney", true},
		{"https://example.com", true},
		{"HTTPS://EXAMPLE.COM", true},
		{"mailto:gopher@example.com", true},
		{"javascript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"http://", false},
		{"", false},
		{"https://example.com/\x1b]52;c;AAAA\x07", false},
		{"https://example.com/\u009b31m", false},
		{"https://example.com/ \n rm -rf", false},
		{"//example.com", false},
	}
	for _, c := range cases {
		if got := linkable(c.url); got != c.want {
			t.Errorf("linkable(%q) = %v, want %v", c.url, got, c.want)
		}
	}
}

func TestOpenURLRefusesUnsafeLinks(t *testing.T) {
	if err := openURL("javascript:alert(1)", "/bin/false"); err == nil {
		t.Error("opened a javascript: link")
	}
}
