package gd406

import "sync"

// Every write of sessions holds s.mu but one: that one races with the others.
type server struct {
	mu       sync.Mutex
	sessions map[string]int
}

func newServer() *server {
	s := &server{sessions: map[string]int{}}
	s.sessions["bootstrap"] = 0 // a value just built: no other goroutine has it yet
	return s
}

func (s *server) open(id string) {
	s.mu.Lock()
	s.sessions[id] = 1
	s.mu.Unlock()
}

func (s *server) close(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, id)
}

func (s *server) touch(id string) {
	s.mu.Lock()
	s.sessions[id]++
	s.mu.Unlock()
}

func (s *server) expire(id string) {
	s.sessions[id] = -1 // want GD406 `writes s\.sessions without s\.mu, which 3 of its 4 writes hold`
}

func BadExpireBesideOpen() {
	s := newServer()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); s.open("a") }()
		go func() { defer wg.Done(); s.expire("a") }()
	}
	wg.Wait()
}

func GoodLockedWriters() {
	s := newServer()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(3)
		go func() { defer wg.Done(); s.open("a") }()
		go func() { defer wg.Done(); s.touch("a") }()
		go func() { defer wg.Done(); s.close("a") }()
	}
	wg.Wait()
}
