package gd403

import (
	"io"
	"sync"
)

// rclone's sync: workers write pending under mu, and so does a method a library calls back
// (io.Copy calls Read during the call); once the workers are joined and the call has returned,
// the last phase ranges over pending with no writer left.
type syncer struct {
	mu      sync.Mutex
	pending map[string]int
	wg      sync.WaitGroup
	work    chan string
}

func newSyncer() *syncer { return &syncer{pending: map[string]int{}, work: make(chan string)} }

// Read is called by io.Copy, during the call run makes.
func (s *syncer) Read(p []byte) (int, error) {
	s.mu.Lock()
	s.pending["read"]++
	s.mu.Unlock()
	return 0, io.EOF
}

func (s *syncer) worker() {
	defer s.wg.Done()
	for k := range s.work {
		s.record(k)
	}
}

func (s *syncer) record(k string) { s.mu.Lock(); s.pending[k]++; s.mu.Unlock() }

func (s *syncer) start(n int) {
	s.wg.Add(n)
	for i := 0; i < n; i++ {
		go s.worker()
	}
}

func (s *syncer) stop() { close(s.work); s.wg.Wait() }

// Called only by run, after the workers are joined: no writer is left.
func (s *syncer) report() (n int) {
	for _, v := range s.pending {
		n += v
	}
	return n
}

// Also after the join, on a goroutine started then.
func (s *syncer) drain() (n int) {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, v := range s.pending {
			out <- v
		}
	}()
	for v := range out {
		n += v
	}
	return n
}

func (s *syncer) run(keys []string) int {
	s.start(2)
	lr := &io.LimitedReader{R: s, N: 1}
	_, _ = io.Copy(io.Discard, lr)
	for _, k := range keys {
		s.work <- k
	}
	s.stop()
	return s.report() + s.drain()
}

// Reported: the range runs before the goroutine writing the map is joined.
type early struct {
	mu      sync.Mutex
	pending map[string]int
	wg      sync.WaitGroup
}

func (e *early) add(k string)  { e.mu.Lock(); e.pending[k]++; e.mu.Unlock() }
func (e *early) drop(k string) { e.mu.Lock(); delete(e.pending, k); e.mu.Unlock() }

func (e *early) run(keys []string) (n int) {
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for _, k := range keys {
			e.add(k)
			e.drop(k)
		}
	}()
	for _, v := range e.pending { // want GD403 `range over e\.pending without e\.mu`
		n += v
	}
	e.wg.Wait()
	return n
}

func GoodPhases() int { return newSyncer().run([]string{"a", "b", "c"}) }

func EarlyRange() int { return (&early{pending: map[string]int{}}).run([]string{"a"}) }
