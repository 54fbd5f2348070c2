package gd401

import "sync"

// Lock helpers: a method that only takes (or only releases) the receiver's lock. A call of one
// holds (or drops) that lock in the caller, as if the caller had written s.mu.Lock().
type helperStore struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *helperStore) lock()   { s.mu.Lock() }
func (s *helperStore) unlock() { s.mu.Unlock() }

func (s *helperStore) put(k string) {
	s.lock()
	defer s.unlock()
	s.m[k] = 1
}

func RunHelperStore(s *helperStore) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.lock()
			s.m["x"]++
			s.unlock()
		}()
	}
	s.mu.Lock()
	s.m["y"] = 2
	s.mu.Unlock()
	wg.Wait()
}

// A helper on a parameter: lockBoth(a, b) holds a.mu and b.mu in the caller.
func lockBoth(a, b *helperStore) {
	a.mu.Lock()
	b.mu.Lock()
}

func unlockBoth(a, b *helperStore) {
	b.mu.Unlock()
	a.mu.Unlock()
}

func RunPair(a, b *helperStore) {
	go func() {
		lockBoth(a, b)
		a.m["x"]++
		b.m["x"]++
		unlockBoth(a, b)
	}()
	a.put("y")
	b.put("y")
}

// The helper released the lock before the write: the goroutine writes unlocked.
func RunReleased(s *helperStore) {
	go func() {
		s.lock()
		s.m["a"]++
		s.unlock()
		s.m["b"]++ // want GD401 `unsynchronized write`
	}()
	s.put("c")
}
