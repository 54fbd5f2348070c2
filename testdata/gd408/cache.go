package gd408

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Every write of items holds c.mu; the cleaner goroutine reads it without (rclone's vfs cache
// retried its failed resets this way).
type cache struct {
	mu    sync.Mutex
	items map[string]int
	retry []string
}

func newCache() *cache {
	c := &cache{items: map[string]int{}, retry: []string{"a", "b"}}
	go c.cleaner()
	return c
}

func (c *cache) put(k string, v int) { c.mu.Lock(); c.items[k] = v; c.mu.Unlock() }
func (c *cache) drop(k string)       { c.mu.Lock(); delete(c.items, k); c.mu.Unlock() }

func (c *cache) cleaner() {
	for {
		c.clean()
		time.Sleep(time.Millisecond)
	}
}

func (c *cache) clean() {
	c.mu.Lock()
	n := len(c.items)
	c.mu.Unlock()
	if n > 0 {
		c.retryFailed()
	}
}

func (c *cache) retryFailed() {
	for _, k := range c.retry {
		if _, ok := c.items[k]; ok { // want GD408 `reads c\.items in a goroutine started in newCache at line 20 \(through \(\*cache\)\.cleaner, \(\*cache\)\.clean\) without c\.mu, which both writes to it hold`
			continue
		}
	}
}

// A loop started by a method, reading in place, and a handler reading a registry.
type registry struct {
	mu    sync.RWMutex
	names map[int]string
	stop  chan struct{}
}

func (r *registry) add(id int)    { r.mu.Lock(); r.names[id] = strconv.Itoa(id); r.mu.Unlock() }
func (r *registry) remove(id int) { r.mu.Lock(); delete(r.names, id); r.mu.Unlock() }

func (r *registry) watch() {
	go func() {
		for {
			select {
			case <-r.stop:
				return
			default:
				_ = r.names[1] // want GD408 `reads r\.names in a goroutine started in \(\*registry\)\.watch .* take r\.mu\.RLock \(or Lock\)`
			}
		}
	}()
}

func (r *registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	id, _ := strconv.Atoi(req.URL.Query().Get("id"))
	w.Write([]byte(r.names[id])) // want GD408 `reads r\.names in an HTTP handler without r\.mu`
}

func BadCleanerBesidePut() {
	c := newCache()
	// The cleaner reads only while the map holds an entry, and looks every millisecond: keep one
	// in it, rewritten, for long enough that a loaded machine still schedules the cleaner.
	for start := time.Now(); time.Since(start) < 300*time.Millisecond; {
		for i := 0; i < 100; i++ {
			c.put("a", i)
		}
		time.Sleep(100 * time.Microsecond)
	}
	c.drop("a")
}

func BadWatchBesideAdd() {
	r := &registry{names: map[int]string{}, stop: make(chan struct{})}
	r.watch()
	for i := 0; i < 20000; i++ {
		r.add(i % 10)
		r.remove(i % 10)
	}
	close(r.stop)
}
