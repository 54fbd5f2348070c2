package gd407

import (
	"maps"
	"strconv"
	"sync"
)

// Getters that copy, callers that only count or pass the map on, callers holding the lock, maps
// written without a lock discipline, and uses in tests: nothing escapes a lock here.
type cache struct {
	mu      sync.RWMutex
	entries map[string]int
	scratch map[string]int
}

func newCache() *cache { return &cache{entries: map[string]int{}, scratch: map[string]int{}} }

func (c *cache) put(k string, v int) { c.mu.Lock(); c.entries[k] = v; c.mu.Unlock() }
func (c *cache) drop(k string)       { c.mu.Lock(); delete(c.entries, k); c.mu.Unlock() }

// A copy made under the lock is the caller's own.
func (c *cache) snapshot() map[string]int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return maps.Clone(c.entries)
}

// Handed out under the lock, but no caller iterates or indexes it: len beside a writer is still
// a data race to the race detector, but not the runtime's fatal error this rule is about.
func (c *cache) raw() map[string]int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.entries
}

func (c *cache) size() int { return len(c.raw()) }

func (c *cache) rawAgain() map[string]int { return c.raw() }

// The caller holds the lock while it ranges (a read lock taken twice is legal, if unwise).
func (c *cache) sumLocked() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for _, v := range c.raw() {
		n += v
	}
	return n
}

// Handed out without the lock: not this rule's question (no lock was meant to cover it).
func (c *cache) entriesUnlocked() map[string]int { return c.entries }

func (c *cache) total() int {
	n := 0
	for _, v := range c.entriesUnlocked() {
		n += v
	}
	return n
}

// scratch has unlocked writes: no discipline says it is shared.
func (c *cache) note(k string) { c.scratch[k]++ }
func (c *cache) forget(k string) {
	c.mu.Lock()
	delete(c.scratch, k)
	c.mu.Unlock()
}

func (c *cache) notes() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.scratch
}

func (c *cache) countNotes() int {
	n := 0
	for range c.notes() {
		n++
	}
	return n
}

func GoodSnapshotBesidePut() {
	c := newCache()
	done := make(chan bool)
	go func() {
		for i := 0; i < 2000; i++ {
			c.put(strconv.Itoa(i%50), i)
		}
		close(done)
	}()
	for i := 0; i < 2000; i++ {
		for range c.snapshot() {
		}
	}
	<-done
}
