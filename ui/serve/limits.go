package serve

import (
	"net"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"
)

// clientKey is the address limits count by: an IPv4 address, or the /64
// an IPv6 address is in (one host is usually given a whole /64).
func clientKey(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if ip4 := ta.IP.To4(); ip4 != nil {
		return ip4.String()
	}
	return ta.IP.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// counter counts things open at once, in all and per client.
type counter struct {
	max, perClient int

	mu    sync.Mutex
	total int
	by    map[string]int
}

func newCounter(max, perClient int) *counter {
	return &counter{max: max, perClient: perClient, by: map[string]int{}}
}

// acquire takes a place for key; it reports false for "all full" or
// "this client is full", with which in reason.
func (c *counter) acquire(key string) (ok bool, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.total >= c.max {
		return false, "server full"
	}
	if c.by[key] >= c.perClient {
		return false, "client full"
	}
	c.total++
	c.by[key]++
	return true, ""
}

func (c *counter) release(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total--
	if c.by[key]--; c.by[key] <= 0 {
		delete(c.by, key)
	}
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// rateLimits keeps a token bucket per client for new connections. The
// buckets live in an LRU cache so a flood of addresses cannot grow it
// without bound; a client evicted from it starts again with a full
// bucket.
type rateLimits struct {
	limit rate.Limit
	burst int
	cache *lru.Cache[string, *rate.Limiter]
}

const rateEntries = 16384

func newRateLimits(perSecond float64, burst int) *rateLimits {
	cache, _ := lru.New[string, *rate.Limiter](rateEntries) // errors only for a size <= 0
	return &rateLimits{limit: rate.Limit(perSecond), burst: burst, cache: cache}
}

func (r *rateLimits) allow(key string) bool {
	l, ok := r.cache.Get(key)
	if !ok {
		l = rate.NewLimiter(r.limit, r.burst)
		if prev, found, _ := r.cache.PeekOrAdd(key, l); found {
			l = prev
		}
	}
	return l.Allow()
}
