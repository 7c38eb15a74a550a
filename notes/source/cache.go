package source

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"
)

// A cache entry is one file in the cache directory, named after a hash of
// the download URL (so neither the URL nor a password in it shows in the
// name), written whole to a temporary file and renamed into place:
//
//	golanguk-cache 1\n
//	{"url":"https://host/ID/download","etag":"\"v1\"","last_modified":"...","fetched":"...","size":1234}\n
//	the body, size bytes
//
// The file's modification time is when the server last sent or confirmed
// the body: a 304 sets it and leaves the rest as it is.
const cacheMagic = "golanguk-cache 1\n"

type entry struct {
	URL          string    `json:"url"` // redacted, for people reading the cache
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched"`
	Size         int64     `json:"size"`

	path    string
	offset  int64     // where the body starts
	checked time.Time // the file's modification time
}

// ErrNotCached is the cause of the error Cached returns when the URL has
// no cache entry.
var ErrNotCached = errors.New("not in the cache")

// Cached returns the cached copy of a URL's notes without going to the
// network, as a Cached snapshot: for shell completion, which must answer
// at once. For a file or stdin, or with no cache entry, it returns an
// error that wraps ErrNotCached.
func (s *Source) Cached() (Snapshot, error) {
	e, data := s.cacheEntry(true)
	if e == nil {
		return Snapshot{}, &Error{Name: s.name, Msg: ErrNotCached.Error(), Err: ErrNotCached}
	}
	return Snapshot{Data: data, Origin: Cached, Time: e.checked}, nil
}

// cacheEntry is the URL's cache entry, with its body if asked; nil when
// there is none or it cannot be read.
func (s *Source) cacheEntry(body bool) (*entry, []byte) {
	if s.kind != URL || s.opt.CacheDir == "" {
		return nil, nil
	}
	e, data, err := readEntry(s.cachePath(), body, s.opt.MaxSize)
	if err != nil {
		return nil, nil
	}
	return e, data
}

func (s *Source) cachePath() string {
	sum := sha256.Sum256([]byte(s.url.String()))
	return filepath.Join(s.opt.CacheDir, hex.EncodeToString(sum[:16])+".notes")
}

// readEntry reads the entry at path, and its body if asked. An entry
// whose body is not the size its header says (a file cut short) is an
// error, as is one too large.
func readEntry(path string, body bool, max int64) (*entry, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	r := bufio.NewReader(io.LimitReader(f, 1<<20))
	magic, err := r.ReadString('\n')
	if err != nil || magic != cacheMagic {
		return nil, nil, errors.New("not a cache entry")
	}
	meta, err := r.ReadBytes('\n')
	if err != nil {
		return nil, nil, errors.New("not a cache entry")
	}
	e := &entry{path: path, checked: fi.ModTime()}
	if err := json.Unmarshal(meta, e); err != nil {
		return nil, nil, err
	}
	e.offset = int64(len(magic) + len(meta))
	if e.Size < 0 || e.Size > max || fi.Size()-e.offset != e.Size {
		return nil, nil, errors.New("cache entry cut short")
	}
	if !body {
		return e, nil, nil
	}
	if _, err := f.Seek(e.offset, io.SeekStart); err != nil {
		return nil, nil, err
	}
	data, err := readCapped(f, e.Size, e.Size)
	if err != nil || int64(len(data)) != e.Size {
		return nil, nil, errors.New("cache entry cut short")
	}
	return e, data, nil
}

// storeEntry writes the body fetched now, with its validators, into the
// cache. Errors are dropped: see fetch.
func (s *Source) storeEntry(v entry, data []byte, now time.Time) {
	if s.opt.CacheDir == "" {
		return
	}
	v.URL, v.Fetched, v.Size = s.url.Redacted(), now.UTC(), int64(len(data))
	_ = writeEntry(s.opt.CacheDir, s.cachePath(), v, data, now)
}

// writeEntry writes an entry atomically: into a temporary file in the
// same directory, synced, then renamed over path, so a reader sees the
// old entry or the new one, never half of one. A directory made here is
// 0700 and the file is 0600: notes may be private.
func writeEntry(dir, path string, e entry, data []byte, now time.Time) (err error) {
	// A directory that exists keeps its mode: it may be one the user
	// made, and the entries are 0600 whatever it is.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	meta, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	w.WriteString(cacheMagic)
	w.Write(meta)
	w.WriteByte('\n')
	w.Write(data)
	if err = w.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chtimes(f.Name(), now, now); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a
	// directory, and the entry is written either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// touch records that the server confirmed the entry at path is current.
func touch(path string, now time.Time) {
	_ = os.Chtimes(path, now, now)
}
