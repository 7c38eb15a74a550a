package ui

// lru is a small least-recently-used cache. It is a value: put copies the
// entries instead of changing them in place, so that a copy of the Bubble
// Tea model made before an Update keeps the cache it had. Look-ups scan
// the entries: a cache of a few dozen renderings costs nothing next to one
// of them.
type lru[K comparable, V any] struct {
	size int // the most entries kept
	keys []K // least recently used first
	vals []V
}

func newLRU[K comparable, V any](size int) lru[K, V] { return lru[K, V]{size: max(1, size)} }

// get returns the value kept for k.
func (c lru[K, V]) get(k K) (V, bool) {
	for i := len(c.keys) - 1; i >= 0; i-- {
		if c.keys[i] == k {
			return c.vals[i], true
		}
	}
	var zero V
	return zero, false
}

// put keeps v for k as the most recently used entry, dropping the least
// recently used one when the cache is full. Putting a kept entry again
// marks it used.
func (c *lru[K, V]) put(k K, v V) {
	n := len(c.keys)
	for i := range n {
		if c.keys[i] == k {
			n-- // k moves to the end
			break
		}
	}
	drop := max(0, n+1-c.size) // least recently used entries that go
	keys := make([]K, 0, n+1-drop)
	vals := make([]V, 0, n+1-drop)
	for i := range c.keys {
		switch {
		case c.keys[i] == k:
		case drop > 0:
			drop--
		default:
			keys, vals = append(keys, c.keys[i]), append(vals, c.vals[i])
		}
	}
	c.keys, c.vals = append(keys, k), append(vals, v)
}

// touch marks k used, if it is kept; it costs nothing when k is already
// the most recently used entry.
func (c *lru[K, V]) touch(k K) {
	if n := len(c.keys); n > 0 && c.keys[n-1] == k {
		return
	}
	if v, ok := c.get(k); ok {
		c.put(k, v)
	}
}

// len is the number of entries kept.
func (c lru[K, V]) len() int { return len(c.keys) }

// clear forgets every entry.
func (c *lru[K, V]) clear() { c.keys, c.vals = nil, nil }
