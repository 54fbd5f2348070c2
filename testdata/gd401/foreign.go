package gd401

import (
	"fmt"
	"sync"
)

// The lock's type comes from another package the model cannot read (tailscale's syncs.Mutex is
// an alias of sync.Mutex; sync.Locker stands in for it here): its Lock() is still a lock.
type ConnHub struct {
	mu    sync.Locker
	conns map[int]bool
}

func NewConnHub() *ConnHub { return &ConnHub{mu: &sync.Mutex{}, conns: map[int]bool{}} }

func (h *ConnHub) accept(c int) {
	h.mu.Lock()
	h.conns[c] = true
	h.mu.Unlock()
}

func (h *ConnHub) Serve(c int) { go h.accept(c) }

func (h *ConnHub) Count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.conns)
}

// Joined before any other use, with a library call between the go statement and the Wait
// (etcd's watch benchmark): the library cannot reach the map.
type Tally struct{ n map[string]int }

func fillTally(t *Tally, keys []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, k := range keys {
			t.n[k]++
		}
	}()
	fmt.Println("waiting")
	wg.Wait()
}

func (t *Tally) Get(k string) int { return t.n[k] }

// Still reported: a call of this package between the go statement and the Wait reads the map.
func fillTallyReporting(t *Tally, keys []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, k := range keys {
			t.n[k]++ // want GD401 `\(\*Tally\)\.Get also use it`
		}
	}()
	report(t)
	wg.Wait()
}

func report(t *Tally) { fmt.Println(t.Get("a")) }

var _ = fillTally
