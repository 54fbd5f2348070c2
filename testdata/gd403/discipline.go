package gd403

import "sync"

// Pool has one production write of conns, under mu: too little to learn a discipline from.
// The test file writes conns under mu too, but a test's writes say nothing about the lock
// production code keeps (tests poke state on one goroutine), so Size is not reported.
type Pool struct {
	mu    sync.Mutex
	conns map[string]int
}

func (p *Pool) Put(k string) {
	p.mu.Lock()
	p.conns[k]++
	p.mu.Unlock()
}

func (p *Pool) Size() int {
	n := 0
	for range p.conns {
		n++
	}
	return n
}
