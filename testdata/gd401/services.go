package gd401

import (
	"strconv"
	"sync"
	"time"
)

// (b) A package-level map written by a goroutine while other code of the
// package reads it.
var lastSeen = map[string]int64{}

// LastSeen reports the last heartbeat of host.
func LastSeen(host string) int64 { return lastSeen[host] }

func BadHeartbeatReader() {
	done := make(chan struct{})
	go func() {
		for i := 0; i < 1000; i++ {
			lastSeen["db"] = int64(i) // want GD401 `goroutine`
		}
		close(done)
	}()
	stale := 0
	for i := 0; i < 1000; i++ {
		if LastSeen("db") < int64(i) {
			stale++
		}
	}
	<-done
	_ = stale
}

// (b) A same-package function started with `go`, on the same package map.
func recordHeartbeats(host string, n int, done chan<- struct{}) {
	for i := 0; i < n; i++ {
		lastSeen[host] = int64(i) // want GD401 `goroutine`
	}
	done <- struct{}{}
}

// StartRecorders starts one recorder per host and waits for all of them.
func StartRecorders(hosts []string) {
	done := make(chan struct{})
	for _, h := range hosts {
		go recordHeartbeats(h, 100, done)
	}
	for range hosts {
		<-done
	}
}

// TTLCache expires entries with time.AfterFunc. Put and Get lock; the expiry
// callbacks run on their own goroutines.
type TTLCache struct {
	mu    sync.Mutex
	items map[string]string
}

func NewTTLCache() *TTLCache {
	return &TTLCache{items: map[string]string{}}
}

func (c *TTLCache) Put(key, val string) {
	c.mu.Lock()
	c.items[key] = val
	c.mu.Unlock()
}

func (c *TTLCache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

// (b) The expiry callback deletes without the lock.
func (c *TTLCache) Set(key, val string, ttl time.Duration) {
	c.Put(key, val)
	time.AfterFunc(ttl, func() {
		delete(c.items, key) // want GD401 `goroutine`
	})
}

// (b) The same callback written out in the caller: every timer fires on its
// own goroutine while the loop goes on putting entries.
func BadTTLExpiry() {
	c := NewTTLCache()
	var wg sync.WaitGroup
	wg.Add(200)
	for i := 0; i < 200; i++ {
		key := strconv.Itoa(i)
		c.Put(key, "v")
		time.AfterFunc(0, func() {
			defer wg.Done()
			delete(c.items, key) // want GD401 `goroutine`
		})
	}
	wg.Wait()
}

// (b) `go s.loop()`: the loop goroutine updates the counts that Count reads
// from the caller's goroutine.
type Tracker struct {
	events chan string
	counts map[string]int
	done   chan struct{}
}

func NewTracker() *Tracker {
	t := &Tracker{events: make(chan string), counts: map[string]int{}, done: make(chan struct{})}
	go t.loop()
	return t
}

func (t *Tracker) loop() {
	for e := range t.events {
		t.counts[e]++ // want GD401 `goroutine`
	}
	close(t.done)
}

func (t *Tracker) Track(e string) { t.events <- e }

func (t *Tracker) Count(e string) int { return t.counts[e] }

func (t *Tracker) Close() {
	close(t.events)
	<-t.done
}

// (b) A session janitor started with `go s.janitor(...)`: it collects the
// stale ids under the lock but deletes them after unlocking.
type SessionStore struct {
	mu       sync.Mutex
	sessions map[string]time.Time
	stop     chan struct{}
}

func NewSessionStore(every time.Duration) *SessionStore {
	s := &SessionStore{sessions: map[string]time.Time{}, stop: make(chan struct{})}
	go s.janitor(every)
	return s
}

func (s *SessionStore) Touch(id string) {
	s.mu.Lock()
	s.sessions[id] = time.Now()
	s.mu.Unlock()
}

func (s *SessionStore) Close() { close(s.stop) }

func (s *SessionStore) staleLocked(now time.Time) []string {
	var ids []string
	for id, seen := range s.sessions {
		if now.Sub(seen) > time.Hour {
			ids = append(ids, id)
		}
	}
	return ids
}

func (s *SessionStore) janitor(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case now := <-t.C:
			s.mu.Lock()
			stale := s.staleLocked(now)
			s.mu.Unlock()
			for _, id := range stale {
				delete(s.sessions, id) // want GD401 `goroutine`
			}
		}
	}
}
