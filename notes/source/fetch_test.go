package source_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golanguk/golanguk/notes/source"
)

const (
	noteV1    = "# GolangUK\n\n## Keynote: SOLID Go design\n> Dave Cheney\n\n:one: :star:\n"
	noteV2    = noteV1 + "\n## Idiomatic Go Tricks\n> Mat Ryer\n\n:two: :star: :star:\n"
	loginPage = "<!DOCTYPE html>\n<html><head><title>Sign in - HedgeDoc</title></head><body>sign in</body></html>\n"
)

// hedgedoc mimics the routes of a HedgeDoc server that golanguk uses: a
// note's editor page (HTML) and its /download (markdown) with an ETag,
// a published note's /s/ID/download with Last-Modified, and the ways a
// server fails.
type hedgedoc struct {
	*httptest.Server
	other *httptest.Server // another host, for redirects away

	mu       sync.Mutex
	note     string
	etag     string
	short    string
	modified time.Time
	down     int            // when not 0, every request gets this status
	reqs     []http.Request // what each request to a /download route carried
	answers  []int          // and the status it got
}

func newHedgeDoc(t *testing.T) *hedgedoc {
	t.Helper()
	h := &hedgedoc{note: noteV1, etag: `"v1"`, short: noteV1, modified: time.Date(2016, 8, 18, 9, 30, 0, 0, time.UTC)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /abc123", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><body>the editor</body></html>")
	})
	mux.HandleFunc("GET /abc123/download", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		note, etag := h.note, h.etag
		h.mu.Unlock()
		if r.Header.Get("If-None-Match") == etag {
			h.answer(w, r, http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/markdown; charset=UTF-8")
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, note)
	})
	mux.HandleFunc("GET /s/short1/download", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		note, modified := h.short, h.modified
		h.mu.Unlock()
		if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !modified.After(since) {
			h.answer(w, r, http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
		w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, note)
	})
	for path, code := range map[string]int{"forbidden": 403, "missing": 404, "broken": 500} {
		mux.HandleFunc("GET /"+path+"/download", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			h.answer(w, r, code)
			fmt.Fprint(w, "<html><body>Oops</body></html>")
		})
	}
	// Status lines written by hand: a reason phrase is the server's to
	// choose, escapes included.
	for path, line := range map[string]string{
		"teapot":  "499 \x1b]0;pwned\a Client Closed",
		"fishing": "404 Gone \x1b[5mFishing",
	} {
		mux.HandleFunc("GET /"+path+"/download", func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(err)
			}
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", line)
			buf.Flush()
		})
	}
	mux.HandleFunc("GET /login/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, loginPage)
	})
	mux.HandleFunc("GET /sneaky/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, "\n  <!-- served by a proxy -->\n"+loginPage)
	})
	mux.HandleFunc("GET /big/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "2048")
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, strings.Repeat("x", 2048))
	})
	mux.HandleFunc("GET /endless/download", func(w http.ResponseWriter, r *http.Request) {
		h.answer(w, r, http.StatusOK) // no Content-Length: chunked
		for range 64 {
			fmt.Fprint(w, strings.Repeat("y", 100))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("GET /slow/download", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("GET /away/download", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, h.other.URL+"/abc123/download", http.StatusFound)
	})
	mux.HandleFunc("GET /r/{n}/download", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/r/%d/download", n-1), http.StatusMovedPermanently)
			return
		}
		h.answer(w, r, http.StatusOK)
		fmt.Fprint(w, noteV1)
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		down := h.down
		h.mu.Unlock()
		if down != 0 {
			w.Header().Set("Content-Type", "text/plain")
			h.answer(w, r, down)
			fmt.Fprintln(w, "down for maintenance")
			return
		}
		mux.ServeHTTP(w, r)
	})
	h.Server = httptest.NewServer(handler)
	t.Cleanup(h.Close)
	h.other = httptest.NewServer(handler)
	t.Cleanup(h.other.Close)
	return h
}

func (h *hedgedoc) answer(w http.ResponseWriter, r *http.Request, code int) {
	h.mu.Lock()
	h.reqs = append(h.reqs, *r)
	h.answers = append(h.answers, code)
	h.mu.Unlock()
	w.WriteHeader(code)
}

// count is how many requests got code.
func (h *hedgedoc) count(code int) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, c := range h.answers {
		if c == code {
			n++
		}
	}
	return n
}

// last is the last request a /download route answered, and how.
func (h *hedgedoc) last(t *testing.T) (http.Request, int) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.reqs) == 0 {
		t.Fatal("no request reached a /download route")
	}
	return h.reqs[len(h.reqs)-1], h.answers[len(h.answers)-1]
}

// clock is a settable clock for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2016, 8, 18, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func load(t *testing.T, ref string, opt source.Options) (*source.Source, source.Snapshot, error) {
	t.Helper()
	s, err := source.New(ref, opt)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Load(context.Background())
	return s, snap, err
}

func TestLoadNote(t *testing.T) {
	h := newHedgeDoc(t)
	s, snap, err := load(t, h.URL+"/abc123?both#keynote", source.Options{Version: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	if string(snap.Data) != noteV1 || snap.Origin != source.Fresh || snap.Err != nil {
		t.Errorf("Load = %q origin %v err %v, want the note, fresh", snap.Data, snap.Origin, snap.Err)
	}
	req, code := h.last(t)
	if req.URL.Path != "/abc123/download" || req.URL.RawQuery != "" || code != 200 {
		t.Errorf("fetched %s?%s (%d), want /abc123/download with no query (200)", req.URL.Path, req.URL.RawQuery, code)
	}
	if ua := req.Header.Get("User-Agent"); ua != "golanguk/1.2.3" {
		t.Errorf("User-Agent %q, want golanguk/1.2.3", ua)
	}
	if want := h.URL + "/abc123"; s.Name() != want {
		t.Errorf("Name() = %q, want %q", s.Name(), want)
	}
}

func TestLoadConditional(t *testing.T) {
	h := newHedgeDoc(t)
	clk := newClock()
	opt := source.Options{CacheDir: filepath.Join(t.TempDir(), "golanguk"), Now: clk.Now}

	t.Run("etag", func(t *testing.T) {
		s, _, err := load(t, h.URL+"/abc123", opt)
		if err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Minute)
		snap, err := s.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		req, code := h.last(t)
		if inm := req.Header.Get("If-None-Match"); inm != `"v1"` || code != 304 {
			t.Errorf("second load sent If-None-Match %q and got %d, want \"v1\" and 304", inm, code)
		}
		if string(snap.Data) != noteV1 || snap.Origin != source.Fresh || !snap.Time.Equal(clk.Now()) {
			t.Errorf("after 304: %q origin %v at %v, want the note, fresh, now", snap.Data, snap.Origin, snap.Time)
		}

		h.mu.Lock()
		h.note, h.etag = noteV2, `"v2"`
		h.mu.Unlock()
		snap, err = s.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if _, code := h.last(t); string(snap.Data) != noteV2 || code != 200 {
			t.Errorf("after an edit: %q (%d), want the new note (200)", snap.Data, code)
		}
		// A new source (the next run) finds the new version in the cache.
		s2, err := source.New(h.URL+"/abc123", opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s2.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		if req, code := h.last(t); req.Header.Get("If-None-Match") != `"v2"` || code != 304 {
			t.Errorf("next run sent If-None-Match %q and got %d, want \"v2\" and 304", req.Header.Get("If-None-Match"), code)
		}
	})

	t.Run("last-modified", func(t *testing.T) {
		s, snap, err := load(t, h.URL+"/s/short1", opt)
		if err != nil {
			t.Fatal(err)
		}
		if string(snap.Data) != noteV1 {
			t.Fatalf("Load = %q, want the note", snap.Data)
		}
		if _, err := s.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		req, code := h.last(t)
		if ims := req.Header.Get("If-Modified-Since"); ims != "Thu, 18 Aug 2016 09:30:00 GMT" || code != 304 {
			t.Errorf("second load sent If-Modified-Since %q and got %d, want the Last-Modified and 304", ims, code)
		}
	})

	t.Run("files", func(t *testing.T) {
		fi, err := os.Stat(opt.CacheDir)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("cache directory mode %v, want 0700", fi.Mode().Perm())
		}
		ents, err := os.ReadDir(opt.CacheDir)
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != 2 { // abc123 and s/short1; no temporary files left
			t.Errorf("cache holds %d files, want 2: %v", len(ents), ents)
		}
		for _, e := range ents {
			fi, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 || strings.HasPrefix(e.Name(), ".") {
				t.Errorf("cache file %s mode %v, want a 0600 entry", e.Name(), fi.Mode().Perm())
			}
		}
	})
}

func TestLoadErrors(t *testing.T) {
	h := newHedgeDoc(t)
	tests := []struct {
		name, path string
		opt        source.Options
		want       string // after "source: URL: "
		status     int    // of the *source.StatusError, if any
		cause      error
	}{
		{"forbidden", "/forbidden/download", source.Options{}, "403 Forbidden", 403, nil},
		{"not found", "/missing", source.Options{}, "404 Not Found", 404, nil},
		{"server error", "/broken", source.Options{}, "500 Internal Server Error", 500, nil},
		{"status of the server's own", "/teapot", source.Options{}, `499 \x1b]0;pwned\a Client Closed`, 499, nil},
		{"standard status text", "/fishing", source.Options{}, "404 Not Found", 404, nil},
		{"login page", "/login", source.Options{}, "the server sent an HTML page, not markdown (a login or error page?)", 0, source.ErrHTML},
		{"html as text/plain", "/sneaky", source.Options{}, "the server sent an HTML page, not markdown (a login or error page?)", 0, source.ErrHTML},
		{"over the cap", "/big", source.Options{MaxSize: 1024}, "larger than 1 KiB; is it a notes file?", 0, nil},
		{"over the cap, chunked", "/endless", source.Options{MaxSize: 4096}, "larger than 4 KiB; is it a notes file?", 0, nil},
		{"slow", "/slow", source.Options{Timeout: 50 * time.Millisecond}, "no answer within 50ms", 0, nil},
		{"redirect to another host", "/away", source.Options{}, "redirected to another host (" + h.other.URL + "/abc123/download)", 0, nil},
		{"six redirects", "/r/6/download", source.Options{}, "more than 5 redirects", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, snap, err := load(t, h.URL+tt.path, tt.opt)
			if err == nil {
				t.Fatalf("Load = %q, want an error", snap.Data)
			}
			if want := "source: " + s.URL() + ": " + tt.want; err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			var se *source.StatusError
			if errors.As(err, &se) != (tt.status != 0) || se != nil && se.Code != tt.status {
				t.Errorf("StatusError %v, want status %d", se, tt.status)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("error %v does not wrap %v", err, tt.cause)
			}
		})
	}
}

func TestLoadRedirects(t *testing.T) {
	h := newHedgeDoc(t)
	for _, n := range []int{2, 5} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			_, snap, err := load(t, fmt.Sprintf("%s/r/%d/download", h.URL, n), source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(snap.Data) != noteV1 {
				t.Errorf("after %d redirects: %q, want the note", n, snap.Data)
			}
			if req, _ := h.last(t); req.URL.Path != "/r/0/download" {
				t.Errorf("ended at %s, want /r/0/download", req.URL.Path)
			}
		})
	}
}

func TestLoadOffline(t *testing.T) {
	h := newHedgeDoc(t)
	clk := newClock()
	opt := source.Options{CacheDir: t.TempDir(), Now: clk.Now}
	s, _, err := load(t, h.URL+"/abc123", opt)
	if err != nil {
		t.Fatal(err)
	}
	// Two minutes later the server confirms the copy (304): its age
	// counts from then.
	clk.Advance(2 * time.Minute)
	fetched := clk.Now()
	if _, err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, code := h.last(t); code != 304 {
		t.Fatalf("second load got %d, want 304", code)
	}
	broken, _, err := load(t, h.URL+"/broken", opt)
	if err == nil {
		t.Fatal("a 500 with nothing cached is not an error")
	}

	clk.Advance(12*time.Minute + 30*time.Second)
	h.Close()
	snap, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("offline with a cached copy: %v", err)
	}
	if string(snap.Data) != noteV1 || snap.Origin != source.Cached || !snap.Time.Equal(fetched) {
		t.Errorf("offline: %q origin %v at %v, want the cached note as of %v", snap.Data, snap.Origin, snap.Time, fetched)
	}
	if got := snap.Notice(clk.Now()); got != "cached 12 min ago" {
		t.Errorf("Notice = %q, want %q", got, "cached 12 min ago")
	}
	if snap.Err == nil || !strings.HasPrefix(snap.Err.Error(), "source: "+s.URL()+": ") || strings.Contains(snap.Err.Error(), "\n") {
		t.Errorf("offline: Err = %v, want one line naming %s", snap.Err, s.URL())
	}

	// Completion reads the cache without the network.
	cs, err := source.New(h.URL+"/abc123", source.Options{CacheDir: opt.CacheDir, Transport: noNetwork{t}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cs.Cached()
	if err != nil || string(c.Data) != noteV1 || !c.Time.Equal(fetched) {
		t.Errorf("Cached() = %q at %v, %v; want the note as of %v", c.Data, c.Time, err, fetched)
	}
	if _, err := broken.Cached(); !errors.Is(err, source.ErrNotCached) {
		t.Errorf("Cached() of a URL never fetched: %v, want ErrNotCached", err)
	}

	// With no cache the failure is one line naming the URL.
	_, _, err = load(t, h.URL+"/abc123", source.Options{CacheDir: t.TempDir()})
	if err == nil || !strings.HasPrefix(err.Error(), "source: "+s.URL()+": ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("offline with no cache: %v, want one line naming %s", err, s.URL())
	}
}

func TestLoadServerFailsCached(t *testing.T) {
	h := newHedgeDoc(t)
	opt := source.Options{CacheDir: t.TempDir()}
	s, _, err := load(t, h.URL+"/abc123", opt)
	if err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	h.down = http.StatusServiceUnavailable
	h.mu.Unlock()
	snap, err := s.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var se *source.StatusError
	if string(snap.Data) != noteV1 || snap.Origin != source.Cached || !errors.As(snap.Err, &se) || se.Code != 503 {
		t.Errorf("server failing: %q origin %v err %v, want the cached note and a 503", snap.Data, snap.Origin, snap.Err)
	}
}

func TestLoadCacheCutShort(t *testing.T) {
	h := newHedgeDoc(t)
	dir := t.TempDir()
	s, _, err := load(t, h.URL+"/abc123", source.Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) != 1 {
		t.Fatalf("cache: %v, %v; want one entry", ents, err)
	}
	p := filepath.Join(dir, ents[0].Name())
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, fi.Size()-1); err != nil {
		t.Fatal(err)
	}
	h.Close()
	if snap, err := s.Load(context.Background()); err == nil {
		t.Errorf("a cache entry cut short was used: %q", snap.Data)
	}
}

// noNetwork fails the test if a request is made.
type noNetwork struct{ t *testing.T }

func (n noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	n.t.Errorf("request to %s, want none", r.URL)
	return nil, errors.New("no network")
}
