package gd406

import (
	"sync"
	"time"
)

// A delete without the lock, and a write of a second field without it: each races with the
// locked writers. (A write in a `go func` literal is GD401's, with its stronger evidence.)
type pool struct {
	mu    sync.Mutex
	conns map[int]string
	idle  map[int]time.Time
}

func newPool() *pool { return &pool{conns: map[int]string{}, idle: map[int]time.Time{}} }

func (p *pool) put(id int, c string) { p.mu.Lock(); p.conns[id] = c; p.mu.Unlock() }
func (p *pool) take(id int)          { p.mu.Lock(); delete(p.conns, id); p.mu.Unlock() }
func (p *pool) rename(id int)        { p.mu.Lock(); p.conns[id] += "'"; p.mu.Unlock() }

func (p *pool) evict(id int) {
	delete(p.conns, id) // want GD406 `deletes from p\.conns without p\.mu`
}

func (p *pool) markIdle(id int) { p.mu.Lock(); p.idle[id] = time.Now(); p.mu.Unlock() }
func (p *pool) wake(id int)     { p.mu.Lock(); delete(p.idle, id); p.mu.Unlock() }
func (p *pool) reidle(id int)   { p.mu.Lock(); p.idle[id] = p.idle[id].Add(time.Second); p.mu.Unlock() }

func (p *pool) touchIdle(id int) {
	p.idle[id] = time.Now() // want GD406 `writes p\.idle without p\.mu, which 3 of its 4 writes hold`
}

func BadEvictBesidePut() {
	p := newPool()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); p.put(1, "c") }()
		go func() { defer wg.Done(); p.evict(1) }()
	}
	wg.Wait()
}

func BadTouchIdleBesideMark() {
	p := newPool()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); p.touchIdle(1) }()
		go func() { defer wg.Done(); p.markIdle(1) }()
	}
	wg.Wait()
}

func GoodPool() {
	p := newPool()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(4)
		go func() { defer wg.Done(); p.put(1, "c"); p.rename(1) }()
		go func() { defer wg.Done(); p.take(1) }()
		go func() { defer wg.Done(); p.markIdle(1); p.reidle(1) }()
		go func() { defer wg.Done(); p.wake(1) }()
	}
	wg.Wait()
}
