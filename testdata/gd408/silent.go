package gd408

import (
	"strconv"
	"sync"
)

// Readers that hold the lock, helpers whose contract says it is held, helpers called under it,
// a fan-out whose writes come before each round's goroutines and a join after them, and maps
// without a lock discipline: no read here races a writer.
type tags struct {
	mu      sync.Mutex
	byID    map[string]string
	metrics []string
	hits    map[string]int
}

func (t *tags) set(id, v string) { t.mu.Lock(); t.byID[id] = v; t.mu.Unlock() }
func (t *tags) unset(id string)  { t.mu.Lock(); delete(t.byID, id); t.mu.Unlock() }

func (t *tags) start() {
	go t.loop()
	go t.locked()
}

func (t *tags) loop() {
	t.mu.Lock()
	_ = t.byID["x"]
	t.mu.Unlock()
	t.mu.Lock()
	t.lookup("y")
	t.mu.Unlock()
}

// lookup checks one id, but not its parents.
// The lock should be held.
func (t *tags) lookup(id string) string { return t.byID[id] }

// Handed out as a value: its callers are out of view, so its contract is its doc's word.
func (t *tags) lookups() func(string) string { return t.lookup }

func (t *tags) locked() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.find("z")
}

func (t *tags) find(id string) string { return t.byID[id] }

// Fan out per round, after the round's writes; wait before the next round.
type gatherer struct {
	mu   sync.Mutex
	disc map[string]string
	ids  [][]string
}

func (g *gatherer) prepare(ids []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, id := range ids {
		g.disc[id] = "tag-" + id
	}
	delete(g.disc, "")
}

func (g *gatherer) Gather() {
	var wg sync.WaitGroup
	for _, round := range g.ids {
		g.prepare(round)
		for _, id := range round {
			wg.Add(1)
			go func(id string) {
				defer wg.Done()
				_ = g.disc[id]
			}(id)
		}
		wg.Wait()
	}
}

// hits has an unlocked write: no discipline says the lock guards it.
func (t *tags) hit(k string) { t.hits[k]++ }
func (t *tags) miss(k string) {
	t.mu.Lock()
	delete(t.hits, k)
	t.mu.Unlock()
}
func (t *tags) watchHits() { go func() { _ = t.hits["a"] }() }

func GoodGatherRounds() {
	g := &gatherer{disc: map[string]string{}}
	for i := 0; i < 50; i++ {
		g.ids = append(g.ids, []string{strconv.Itoa(i), strconv.Itoa(i + 1)})
	}
	for i := 0; i < 20; i++ {
		g.Gather()
	}
}

func GoodLockedReaders() {
	t := &tags{byID: map[string]string{}, hits: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); t.loop() }()
		go func() { defer wg.Done(); t.locked() }()
		t.set("x", "1")
		t.unset("x")
	}
	wg.Wait()
}

// net/http's HTTP/2 read loop: the map belongs to a value the receiver points to (rl.cc), and
// the helper the loop reaches is called with that value's mutex held.
type conn struct {
	mu      sync.Mutex
	streams map[uint32]string
}

func (c *conn) open(id uint32)  { c.mu.Lock(); c.streams[id] = "open"; c.mu.Unlock() }
func (c *conn) close(id uint32) { c.mu.Lock(); delete(c.streams, id); c.mu.Unlock() }

type readLoop struct{ cc *conn }

func (c *conn) start() { go (&readLoop{cc: c}).run() }

func (rl *readLoop) run() {
	for id := uint32(0); id < 3; id++ {
		_ = rl.streamByID(id)
		rl.window(id)
	}
}

// The same mutex through a local holding the pointer.
func (rl *readLoop) window(id uint32) {
	cc := rl.cc
	cc.mu.Lock()
	defer cc.mu.Unlock()
	_ = rl.stream(id)
}

func (rl *readLoop) streamByID(id uint32) string {
	rl.cc.mu.Lock()
	defer rl.cc.mu.Unlock()
	return rl.stream(id)
}

func (rl *readLoop) stream(id uint32) string { return rl.cc.streams[id] }

// The workers that write seen are joined before the goroutine that reads it starts.
type phase struct {
	mu   sync.Mutex
	seen map[string]bool
	wg   sync.WaitGroup
}

func (p *phase) mark(k string)   { p.mu.Lock(); p.seen[k] = true; p.mu.Unlock() }
func (p *phase) unmark(k string) { p.mu.Lock(); delete(p.seen, k); p.mu.Unlock() }

func (p *phase) worker(k string) {
	defer p.wg.Done()
	p.mark(k)
	p.unmark(k)
}

func (p *phase) run(keys []string) <-chan bool {
	for _, k := range keys {
		p.wg.Add(1)
		go p.worker(k)
	}
	p.wg.Wait()
	done := make(chan bool, 1)
	go func() { done <- p.seen["a"] }()
	return done
}
