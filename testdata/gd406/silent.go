package gd406

import "sync"

// A function that locks only when its parameter asks (NATS's sublist match): callers that
// pass false hold the lock already.
type sublist struct {
	sync.RWMutex
	cache map[string]int
}

func (s *sublist) add(k string)    { s.Lock(); s.cache[k] = 1; s.Unlock() }
func (s *sublist) remove(k string) { s.Lock(); delete(s.cache, k); s.Unlock() }
func (s *sublist) bump(k string)   { s.Lock(); s.cache[k]++; s.Unlock() }

func (s *sublist) match(k string, doLock bool) {
	if doLock {
		s.Lock()
	}
	s.cache[k] = 2
	if doLock {
		s.Unlock()
	}
}

// A helper all of whose callers hold the lock.
func (s *sublist) storeAll(keys []string) {
	for _, k := range keys {
		s.cache[k] = 3
	}
}

func (s *sublist) Reload(keys []string) {
	s.Lock()
	defer s.Unlock()
	s.storeAll(keys)
}

// A callback: run under whatever lock its caller takes.
func (s *sublist) each(f func()) {
	s.Lock()
	defer s.Unlock()
	f()
}

func (s *sublist) Mark(k string) {
	s.each(func() { s.cache[k] = 4 })
}

// A field whose writes do not follow one lock: no discipline to break.
type loose struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (l *loose) a(k string) { l.mu.Lock(); l.seen[k] = true; l.mu.Unlock() }
func (l *loose) b(k string) { l.seen[k] = false }
func (l *loose) c(k string) { delete(l.seen, k) }
func (l *loose) d(k string) { l.mu.Lock(); delete(l.seen, k); l.mu.Unlock() }

func GoodSublist() {
	s := &sublist{cache: map[string]int{}}
	s.add("a")
	s.match("a", true)
	s.Lock()
	s.match("b", false)
	s.Unlock()
	s.Reload([]string{"c"})
	s.Mark("d")
	s.bump("a")
	s.remove("a")
	l := &loose{seen: map[string]bool{}}
	l.a("x")
	l.b("x")
	l.c("x")
	l.d("x")
}
