package gd405

import "sync"

// The doc comment names one of two mutexes: holding the other one is not enough, and a helper
// started with `go` runs on a goroutine that holds nothing, whatever its spawner holds.
type cache struct {
	mu      sync.Mutex
	statsMu sync.Mutex
	entries map[string]string
	hits    map[string]int
}

func newCache() *cache { return &cache{entries: map[string]string{}, hits: map[string]int{}} }

// put stores v. Caller must hold c.mu.
func (c *cache) put(k, v string) { c.entries[k] = v }

func (c *cache) Set(k, v string) {
	c.mu.Lock()
	c.put(k, v)
	c.mu.Unlock()
}

func (c *cache) SetCounted(k, v string) {
	c.statsMu.Lock()
	c.hits[k]++
	c.put(k, v) // want GD405 `\(\*cache\).put expects its caller to hold c.mu`
	c.statsMu.Unlock()
}

func (c *cache) Refresh(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	go c.put(k, "fresh") // want GD405 `\(\*cache\).put expects its caller to hold c.mu`
}

func (c *cache) Warm(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.put(k, "warm") // want GD405 `\(\*cache\).put expects its caller to hold c.mu`
		}()
	}
	wg.Wait()
}

// Silent: a callback given to a function that runs it under the lock.
func (c *cache) withLock(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f()
}

func (c *cache) SetViaCallback(k, v string) {
	c.withLock(func() { c.put(k, v) })
}

func GoodCacheCallers() {
	c := newCache()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Set("a", "1")
			c.SetViaCallback("b", "2")
		}()
	}
	wg.Wait()
}

func BadWarmWithoutLock() {
	c := newCache()
	c.Warm([]string{"a", "b", "c", "d"})
}

// Silent: the caller's own contract says its caller holds the lock of the cache it is given
// (database/sql's prepareOnConnLocked: "It assumes the caller is holding the lock on dc").
type warmer struct{ mu sync.Mutex }

// warmOne fills c. It assumes the caller is holding the lock on c.
func (w *warmer) warmOne(c *cache) { c.put("k", "v") }

func (c *cache) WarmOne(w *warmer) {
	c.mu.Lock()
	w.warmOne(c)
	c.mu.Unlock()
}
