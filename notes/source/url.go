package source

import (
	"fmt"
	"net/url"
	"strings"
)

// rawHosts serve files as they are; their URLs are never note URLs, even
// when their path has the shape of one.
func rawHost(host string) bool {
	return host == "raw.githubusercontent.com" || host == "gist.githubusercontent.com"
}

// DownloadURL returns the URL that golanguk fetches for a URL given on the
// command line.
//
// A HedgeDoc, CodiMD or HackMD note URL becomes the note's markdown
// download URL, with the query ("?view", "?both") and fragment dropped:
//
//	https://host/ID             -> https://host/ID/download
//	https://host/s/SHORTID      -> https://host/s/SHORTID/download
//	https://host/@user/NAME     -> https://host/@user/NAME/download (HackMD)
//
// A note URL is recognised by its path alone, on any host: one segment
// (the note ID or its alias), or "s" or an "@user" followed by one
// segment, with no "." in the last segment and an optional trailing slash.
// Every other URL is fetched as it is, query included, with only its
// fragment dropped: a URL whose last segment is "download" (already a
// download URL), a path whose last segment has an extension
// ("notes.md", "talks.markdown", "notes.txt"), a deeper path, the bare
// host, and any URL on a raw file host (raw.githubusercontent.com,
// gist.githubusercontent.com).
//
// Only http and https URLs with a host are accepted; the scheme and host
// are lower-cased. The result always parses as such a URL, and
// DownloadURL of a result is that result.
func DownloadURL(raw string) (string, error) {
	u, err := parseHTTP(raw)
	if err != nil {
		return "", err
	}
	u.Fragment, u.RawFragment = "", ""
	if !isNotePath(u) {
		return u.String(), nil
	}
	u.RawQuery, u.ForceQuery = "", false
	u.RawPath = strings.TrimSuffix(u.EscapedPath(), "/") + "/download"
	u.Path = strings.TrimSuffix(u.Path, "/") + "/download"
	return u.String(), nil
}

// parseHTTP parses raw as an absolute http or https URL with a host.
func parseHTTP(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the input, but its message is about the
		// grammar; say what was wrong in our words.
		return nil, fmt.Errorf("source: %s is not a valid URL", quote(raw))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("source: %s: only http and https URLs can be read", quote(raw))
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return nil, fmt.Errorf("source: %s: the URL has no host", quote(raw))
	}
	u.Host = strings.ToLower(u.Host)
	// Round-trip once so that what DownloadURL returns parses back to
	// the same URL: url.Parse accepts a few spellings that String
	// writes differently.
	v, err := url.Parse(u.String())
	if err != nil || v.String() != u.String() {
		return nil, fmt.Errorf("source: %s is not a valid URL", quote(raw))
	}
	return v, nil
}

// isNotePath reports whether u has the path of a HedgeDoc note.
func isNotePath(u *url.URL) bool {
	if rawHost(u.Hostname()) {
		return false
	}
	p := strings.TrimSuffix(u.Path, "/")
	if !strings.HasPrefix(p, "/") {
		return false
	}
	seg := strings.Split(p[1:], "/")
	last := seg[len(seg)-1]
	if last == "" || last == "download" || strings.Contains(last, ".") {
		return false
	}
	for _, s := range seg {
		if s == "" {
			return false
		}
	}
	switch len(seg) {
	case 1:
		return true
	case 2:
		return seg[0] == "s" || (strings.HasPrefix(seg[0], "@") && len(seg[0]) > 1)
	}
	return false
}

// looksLikeURL reports whether ref is meant as a URL rather than a file
// name: it starts with a scheme and "://".
func looksLikeURL(ref string) bool {
	scheme, _, ok := strings.Cut(ref, "://")
	if !ok || scheme == "" {
		return false
	}
	for i, c := range scheme {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// displayURL is u as it is shown: without user name or password, query
// and fragment, and with its escapes made visible.
func displayURL(u *url.URL) string {
	v := *u
	v.User = nil
	v.RawQuery, v.ForceQuery = "", false
	v.Fragment, v.RawFragment = "", ""
	return sanitize(v.String())
}
