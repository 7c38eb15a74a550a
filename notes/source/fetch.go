package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// newClient is the HTTP client fetches use: a timeout for the whole
// exchange and redirects only on the same host.
func newClient(opt Options) *http.Client {
	t := opt.Transport
	if t == nil {
		d := http.DefaultTransport.(*http.Transport).Clone()
		// The default transport reads HTTP_PROXY from the environment;
		// whether to honour it is the caller's choice (Options.Proxy).
		d.Proxy = opt.Proxy
		t = d
	}
	return &http.Client{Transport: t, Timeout: opt.Timeout, CheckRedirect: checkRedirect}
}

// checkRedirect follows at most MaxRedirects redirects, each to the host
// the first request went to (an http URL may move to https on the same
// host, never the other way).
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("more than %d redirects", MaxRedirects)
	}
	if !sameHost(via[0].URL, req.URL) {
		return fmt.Errorf("redirected to another host (%s)", plainURL(req.URL))
	}
	return nil
}

func sameHost(from, to *url.URL) bool {
	if !strings.EqualFold(from.Hostname(), to.Hostname()) {
		return false
	}
	if from.Scheme == to.Scheme {
		return port(from) == port(to)
	}
	return from.Scheme == "http" && to.Scheme == "https" && port(from) == "80" && port(to) == "443"
}

// port is u's port, the scheme's default when there is none.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// StatusError is an HTTP answer other than 200 or 304.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

// status is the code and its standard text; the server's own reason
// phrase, which may say anything, only for a code with no standard text.
func status(resp *http.Response) string {
	text := http.StatusText(resp.StatusCode)
	if text == "" {
		_, text, _ = strings.Cut(resp.Status, " ")
	}
	return sanitize(strings.TrimSpace(fmt.Sprintf("%d %s", resp.StatusCode, text)))
}

func (e *StatusError) Error() string { return e.Status }

// ErrHTML is the cause of the error for an HTML answer: a login page or
// an error page rather than the notes.
var ErrHTML = errors.New("the server sent an HTML page, not markdown")

// fetch gets the URL, conditionally when it is cached. With body false a
// 304 does not read the cached body (the caller knows it), and
// notModified reports that it was one. When the fetch fails and a cached
// copy exists, fetch returns the copy, Cached, and no error.
func (s *Source) fetch(ctx context.Context, body bool) (snap Snapshot, notModified bool, err error) {
	e, _ := s.cacheEntry(false)
	data, validators, notModified, err := s.get(ctx, e)
	if err != nil {
		if ctx.Err() != nil {
			return Snapshot{}, false, ctx.Err()
		}
		if e == nil {
			return Snapshot{}, false, err
		}
		// The server failed: the copy we have is better than nothing.
		ce, cached, cerr := readEntry(e.path, true, s.opt.MaxSize)
		if cerr != nil {
			return Snapshot{}, false, err
		}
		return Snapshot{Data: cached, Origin: Cached, Time: ce.checked, Err: err}, false, nil
	}
	now := s.opt.Now()
	if notModified {
		touch(e.path, now)
		if !body {
			return Snapshot{Time: now}, true, nil
		}
		_, cached, cerr := readEntry(e.path, true, s.opt.MaxSize)
		if cerr != nil {
			// The cache went away between the request and now; ask
			// again, unconditionally.
			data, validators, _, err = s.get(ctx, nil)
			if err != nil {
				return Snapshot{}, false, err
			}
			s.storeEntry(validators, data, now)
			return Snapshot{Data: data, Time: now}, false, nil
		}
		return Snapshot{Data: cached, Time: now}, true, nil
	}
	// A cache that cannot be written costs a conditional request and the
	// offline fallback, not the notes: carry on without it.
	s.storeEntry(validators, data, now)
	return Snapshot{Data: data, Time: now}, false, nil
}

// get makes one request, conditional on e when it is not nil, and returns
// the body of a 200 with its validators, or notModified for a 304.
func (s *Source) get(ctx context.Context, e *entry) (data []byte, v entry, notModified bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url.String(), nil)
	if err != nil {
		return nil, v, false, s.urlError(err)
	}
	req.Header.Set("User-Agent", "golanguk/"+version(s.opt.Version))
	req.Header.Set("Accept", "text/markdown, text/plain;q=0.9, */*;q=0.1")
	if e != nil {
		if e.ETag != "" {
			req.Header.Set("If-None-Match", e.ETag)
		}
		if e.LastModified != "" {
			req.Header.Set("If-Modified-Since", e.LastModified)
		}
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, v, false, s.urlError(err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && e != nil:
		return nil, v, true, nil
	case resp.StatusCode != http.StatusOK:
		se := &StatusError{Code: resp.StatusCode, Status: status(resp)}
		return nil, v, false, &Error{Name: s.URL(), Msg: se.Status, Err: se}
	case isHTMLType(resp.Header.Get("Content-Type")):
		return nil, v, false, s.htmlError()
	case resp.ContentLength > s.opt.MaxSize:
		return nil, v, false, s.tooLarge()
	}
	data, err = readCapped(resp.Body, resp.ContentLength, s.opt.MaxSize)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, v, false, s.tooLarge()
	case err != nil:
		return nil, v, false, s.urlError(err)
	case looksLikeHTML(data):
		return nil, v, false, s.htmlError()
	}
	v.ETag = headerValue(resp.Header.Get("ETag"))
	v.LastModified = headerValue(resp.Header.Get("Last-Modified"))
	return data, v, false, nil
}

func version(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}

// urlError is a transport error in one line: the URL fetched and what
// went wrong, without Go's `Get "URL":` prefix.
func (s *Source) urlError(err error) error {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	msg := cause.Error()
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		msg = fmt.Sprintf("no answer within %v", s.opt.Timeout)
	}
	return &Error{Name: s.URL(), Msg: sanitize(msg), Err: cause}
}

func (s *Source) htmlError() error {
	return &Error{Name: s.URL(), Msg: ErrHTML.Error() + " (a login or error page?)", Err: ErrHTML}
}

func (s *Source) tooLarge() error {
	return &Error{Name: s.URL(), Msg: fmt.Sprintf("larger than %s; is it a notes file?", size(s.opt.MaxSize)), Err: errTooLarge}
}

func isHTMLType(ct string) bool {
	t, _, err := mime.ParseMediaType(ct)
	if err != nil {
		t = strings.ToLower(strings.TrimSpace(ct))
	}
	return t == "text/html" || t == "application/xhtml+xml"
}

// looksLikeHTML reports whether a body starts as an HTML page does,
// whatever its Content-Type says: a doctype or an <html> tag, after any
// byte order mark, white space and comments.
func looksLikeHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		if !bytes.HasPrefix(b, []byte("<!--")) {
			break
		}
		end := bytes.Index(b, []byte("-->"))
		if end < 0 {
			return false
		}
		b = b[end+3:]
	}
	head := strings.ToLower(string(b[:min(len(b), 14)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") &&
		(len(head) == 5 || strings.ContainsRune(" \t\r\n>", rune(head[5])))
}

// headerValue keeps a validator only if it can be sent back as it came.
func headerValue(v string) string {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return ""
		}
	}
	return v
}
