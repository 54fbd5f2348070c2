package gd407

import (
	"strconv"
	"sync"
	"time"
)

// Every write of routes holds r.mu; the getters hand the map itself out under that lock, which
// ends when they return.
type router struct {
	mu     sync.RWMutex
	routes map[string]int
}

func newRouter() *router { return &router{routes: map[string]int{}} }

func (r *router) add(path string, port int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.routes[path] = port
}

func (r *router) remove(path string) {
	r.mu.Lock()
	delete(r.routes, path)
	r.mu.Unlock()
}

func (r *router) all() map[string]int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.routes // want GD407 `returns r\.routes while holding r\.mu, which both writes to it hold; .* countPorts ranges over the map at callers\.go:\d+ without it \(and 1 more use\)`
}

func (r *router) lookupTable() (map[string]int, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.routes, len(r.routes) > 0 // want GD407 `returns r\.routes .* portOf reads the map`
}

// A sessions table with a plain Mutex, handed out by a getter that unlocks by hand.
type table struct {
	mu       sync.Mutex
	sessions map[int]string
}

func (t *table) open(id int)  { t.mu.Lock(); t.sessions[id] = "open"; t.mu.Unlock() }
func (t *table) close(id int) { t.mu.Lock(); delete(t.sessions, id); t.mu.Unlock() }

func (t *table) current() map[int]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sessions // want GD407 `returns t\.sessions while holding t\.mu.* expire deletes from the map`
}

// besides runs write on another goroutine and read on this one, each for 300 ms: on a loaded
// machine a fixed count of rounds can run one side to its end before the other starts, and the
// lock's hand-over then orders every write before every read, hiding the race.
func besides(write, read func(i int)) {
	done := make(chan bool)
	go func() {
		for i, start := 0, time.Now(); time.Since(start) < 300*time.Millisecond; i++ {
			write(i)
		}
		close(done)
	}()
	for i, start := 0, time.Now(); time.Since(start) < 300*time.Millisecond; i++ {
		read(i)
	}
	<-done
}

func BadRangeBesideAdd() {
	r := newRouter()
	besides(func(i int) { r.add(strconv.Itoa(i%50), i) }, func(int) { _ = countPorts(r) })
}

func BadLookupBesideRemove() {
	r := newRouter()
	for i := 0; i < 50; i++ {
		r.add(strconv.Itoa(i), i)
	}
	besides(func(i int) {
		r.remove(strconv.Itoa(i % 50))
		r.add(strconv.Itoa(i%50), i)
	}, func(i int) { _ = portOf(r, strconv.Itoa(i%50)) })
}

func BadExpireBesideOpen() {
	t := &table{sessions: map[int]string{}}
	besides(func(i int) { t.open(i % 50) }, func(i int) { expire(t, i%50) })
}
