package gd402

import (
	"sync"
	"time"
)

// One goroutine owns a map written under an RLock taken for other fields (etcd's lessor, whose
// runLoop is the only goroutine that calls revokeExpired): every other access holds the write
// lock, so nothing runs beside the write. Not reported.
type lessor struct {
	mu      sync.RWMutex
	primary bool
	expired map[int]bool
	stopC   chan struct{}
}

func newLessor() *lessor {
	l := &lessor{expired: map[int]bool{}, stopC: make(chan struct{})}
	go l.runLoop()
	return l
}

func (l *lessor) runLoop() {
	for {
		l.revokeExpired()
		select {
		case <-time.After(time.Millisecond):
		case <-l.stopC:
			return
		}
	}
}

func (l *lessor) revokeExpired() {
	l.mu.RLock()
	if l.primary && l.pending() < 10 {
		l.markExpired(1)
	}
	l.mu.RUnlock()
}

func (l *lessor) markExpired(id int) { l.expired[id] = true }

// Read under the same RLock, but only on the owner's goroutine (revokeExpired calls it): it
// runs before or after the write, never beside it.
func (l *lessor) pending() int { return len(l.expired) }

func (l *lessor) Promote() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.primary = true
	clear(l.expired)
}

// Started by an exported method, which importers may call more than once: two loops then write
// under the RLock at the same time.
type sweeper struct {
	mu    sync.RWMutex
	on    bool
	stale map[int]bool
}

func (s *sweeper) Start() { go s.loop() }

func (s *sweeper) loop() {
	for range time.Tick(time.Millisecond) {
		s.sweep()
	}
}

func (s *sweeper) sweep() {
	s.mu.RLock()
	if s.on {
		s.stale[1] = true // want GD402 `two calls of \(\*sweeper\)\.sweep at once`
	}
	s.mu.RUnlock()
}

func (s *sweeper) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.stale)
}

// The owner goroutine writes under RLock while an exported reader ranges the map under the
// same RLock: reported, naming the reader.
type tracker struct {
	mu   sync.RWMutex
	seen map[int]bool
}

func newTracker() *tracker {
	t := &tracker{seen: map[int]bool{}}
	go t.run()
	return t
}

func (t *tracker) run() {
	for i := 0; ; i++ {
		t.mu.RLock()
		t.seen[i] = true // want GD402 `\(\*tracker\)\.Count \(line \d+\) uses it under the same RLock` GD401 `unsynchronized write`
		t.mu.RUnlock()
	}
}

func (t *tracker) Count() (n int) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for range t.seen {
		n++
	}
	return n
}
