package gd402

import (
	"strconv"
	"sync"
	"time"
)

// Legal look-alikes. Nothing in this file may be reported.

// Store has a read-mostly map under an RWMutex and a hit counter under a
// separate plain mutex.
type Store struct {
	mu      sync.RWMutex
	data    map[string]string
	statsMu sync.Mutex
	hits    map[string]int
	lazy    sync.Map
}

func NewStore() *Store {
	return &Store{data: map[string]string{}, hits: map[string]int{}}
}

// Reads only, under the read lock.
func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[key]
	return v, ok
}

// Writes under the write lock, with a deferred unlock.
func (s *Store) Put(key, val string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[key] = val
}

// Deletes under the write lock, with an explicit unlock.
func (s *Store) Remove(key string) {
	s.mu.Lock()
	delete(s.data, key)
	s.mu.Unlock()
}

// Upgrade: the read lock is released and the write lock taken before the
// write (and the lookup repeated).
func (s *Store) GetOrCreate(key string, make func() string) string {
	s.mu.RLock()
	v, ok := s.data[key]
	s.mu.RUnlock()
	if ok {
		return v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.data[key]; ok {
		return v
	}
	v = make()
	s.data[key] = v
	return v
}

// The counter has its own mutex, whose Lock is held for the write.
func (s *Store) CountedGet(key string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v := s.data[key]
	s.statsMu.Lock()
	s.hits[key]++
	s.statsMu.Unlock()
	return v
}

// The same through a helper that takes that lock itself.
func (s *Store) recordHit(key string) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.hits[key]++
}

func (s *Store) TrackedGet(key string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.recordHit(key)
	return s.data[key]
}

// A snapshot: the writes go to a map made here, not to shared state.
func (s *Store) Snapshot() map[string]string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]string, len(s.data))
	for k, v := range s.data {
		out[k] = v
	}
	return out
}

// A helper that builds and returns a new map, called under the read lock.
func (s *Store) keysWithPrefixLen(n int) map[string]bool {
	found := map[string]bool{}
	for k := range s.data {
		if len(k) >= n {
			found[k[:n]] = true
		}
	}
	return found
}

func (s *Store) Prefixes(n int) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.keysWithPrefixLen(n))
}

// A sync.Map memo under the read lock.
func (s *Store) Normalized(key string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if v, ok := s.lazy.Load(key); ok {
		return v.(string)
	}
	s.lazy.Store(key, s.data[key])
	return s.data[key]
}

// Calls under the read lock to methods that only read.
func (s *Store) Has(key string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lookupLocked(key) != ""
}

func (s *Store) lookupLocked(key string) string { return s.data[key] }

// A plain Mutex: Lock is always a write lock.
type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
}

// Embedded RWMutex, write lock.
type Tags struct {
	sync.RWMutex
	tags map[string]string
}

func (t *Tags) Set(k, v string) {
	t.Lock()
	t.tags[k] = v
	t.Unlock()
}

func (t *Tags) Get(k string) string {
	t.RLock()
	defer t.RUnlock()
	return t.tags[k]
}

func hammer(n int, f func(i int)) {
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				f(g*n + i)
			}
		}()
	}
	wg.Wait()
}

func GoodReadersAndWriters() {
	s := NewStore()
	hammer(100, func(i int) {
		k := strconv.Itoa(i % 10)
		s.Put(k, "v")
		s.Get(k)
		s.Remove(k)
	})
}

func GoodUpgradeLock() {
	s := NewStore()
	hammer(100, func(i int) {
		s.GetOrCreate(strconv.Itoa(i%7), func() string { return "fresh" })
	})
}

func GoodSeparateStatsLock() {
	s := NewStore()
	s.Put("a", "1")
	hammer(100, func(int) {
		s.CountedGet("a")
		s.TrackedGet("a")
	})
}

func GoodSnapshotUnderRLock() {
	s := NewStore()
	s.Put("ab", "1")
	s.Put("ac", "2")
	hammer(50, func(int) {
		_ = s.Snapshot()
		_ = s.Prefixes(1)
		_ = s.Has("ab")
	})
}

func GoodSyncMapUnderRLock() {
	s := NewStore()
	s.Put("k", "V")
	hammer(100, func(int) { s.Normalized("k") })
}

func GoodPlainMutex() {
	c := &Counter{n: map[string]int{}}
	hammer(100, func(i int) { c.Inc(strconv.Itoa(i % 3)) })
}

func GoodEmbeddedWriteLock() {
	t := &Tags{tags: map[string]string{}}
	hammer(100, func(i int) {
		t.Set("env", strconv.Itoa(i))
		_ = t.Get("env")
	})
}

func GoodCacheSetAndGet() {
	c := NewCache()
	hammer(50, func(i int) {
		c.Set(strconv.Itoa(i%5), "v", time.Minute)
	})
}
