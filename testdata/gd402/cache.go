// Package gd402 is the contract for rule GD402 (write-under-rlock).
//
// A finding is reported on a map write (m[k] = v, op=, ++, --) or a
// delete(m, k) to a struct's map field or a package-level map made while the
// only lock held on the path is a read lock (RWMutex.RLock), and on a call,
// made while only a read lock is held, to a same-package function or method
// that writes such a map without taking a write lock itself. RLock lets many
// goroutines in at once, so the writes can run concurrently.
//
// Runnable contract: every exported function with no parameters and no
// results whose name starts with Bad, run alone in a program built with
// -race, makes the race detector report a data race (or the runtime stop
// with "concurrent map writes") and holds a flagged line; every such
// function starting with Good runs clean under -race and returns quickly.
package gd402

import (
	"strconv"
	"sync"
	"time"
)

type entry struct {
	val     string
	expires time.Time
}

// Cache is read far more often than it is written, hence the RWMutex.
type Cache struct {
	mu    sync.RWMutex
	items map[string]entry
	hits  map[string]int
	used  map[string]time.Time
}

func NewCache() *Cache {
	return &Cache{items: map[string]entry{}, hits: map[string]int{}, used: map[string]time.Time{}}
}

func (c *Cache) Set(key, val string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = entry{val: val, expires: time.Now().Add(ttl)}
	if len(c.items) > 10000 {
		c.evict(key)
	}
}

// evict expects the caller to hold c.mu for writing.
func (c *Cache) evict(key string) {
	delete(c.items, key)
	delete(c.used, key)
}

// Hit counting under the read lock: concurrent Gets increment at once.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.items[key]
	if ok {
		c.hits[key]++ // want GD402 `RLock`
	}
	return e.val, ok
}

// Expire-on-read: the delete runs under the read lock.
func (c *Cache) Lookup(key string, now time.Time) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.items[key]
	if ok && now.After(e.expires) {
		delete(c.items, key) // want GD402 `RLock`
		return "", false
	}
	return e.val, ok
}

// The same through a helper: evict writes c.items without locking.
func (c *Cache) Peek(key string, now time.Time) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.items[key]
	if ok && now.After(e.expires) {
		c.evict(key) // want GD402 `RLock`
		return "", false
	}
	return e.val, ok
}

// LRU bookkeeping under the read lock, without a deferred unlock.
func (c *Cache) Touch(key string) bool {
	c.mu.RLock()
	_, ok := c.items[key]
	if ok {
		c.used[key] = time.Now() // want GD402 `RLock`
	}
	c.mu.RUnlock()
	return ok
}

// Hit counting while another goroutine runs Get: both increment under RLock.
func BadHitCounting() {
	c := NewCache()
	c.Set("home", "<html>", time.Hour)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			c.Get("home")
		}
	}()
	for i := 0; i < 1000; i++ {
		c.mu.RLock()
		if _, ok := c.items["home"]; ok {
			c.hits["home"]++ // want GD402 `RLock`
		}
		c.mu.RUnlock()
	}
	<-done
}

// Two readers each evict expired entries through the helper.
func BadEvictUnderRLock() {
	c := NewCache()
	for i := 0; i < 2000; i++ {
		c.Set(strconv.Itoa(i), "v", -time.Second)
	}
	now := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			c.Peek(strconv.Itoa(i), now)
		}
	}()
	c.mu.RLock()
	for i := 1000; i < 2000; i++ {
		c.evict(strconv.Itoa(i)) // want GD402 `RLock`
	}
	c.mu.RUnlock()
	<-done
}

// Expire-on-read written out, racing with Lookup on other keys.
func BadExpireOnRead() {
	c := NewCache()
	for i := 0; i < 2000; i++ {
		c.Set(strconv.Itoa(i), "v", -time.Second)
	}
	now := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			c.Lookup(strconv.Itoa(i), now)
		}
	}()
	for i := 1000; i < 2000; i++ {
		key := strconv.Itoa(i)
		c.mu.RLock()
		if e, ok := c.items[key]; ok && now.After(e.expires) {
			delete(c.items, key) // want GD402 `RLock`
		}
		c.mu.RUnlock()
	}
	<-done
}
