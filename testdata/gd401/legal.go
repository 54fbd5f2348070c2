package gd401

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Legal look-alikes. Nothing in this file may be reported.

// Every worker takes the lock around its write.
func GoodLockedWorkers() {
	var mu sync.Mutex
	results := make(map[int]int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				mu.Lock()
				results[id*100+j] = j
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	_ = len(results)
}

// The lock is released by a deferred Unlock; a write lock on an RWMutex
// counts as a lock.
func GoodDeferredUnlock() {
	var mu sync.RWMutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, word := range []string{"a", "b", "a", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			counts[word]++
			if counts[word] > 1 {
				delete(counts, "c")
			}
		}()
	}
	wg.Wait()
}

// sync.Map instead of a map.
func GoodSyncMap() {
	var seen sync.Map
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				seen.Store(i, w)
				seen.Delete(i - 1)
			}
		}()
	}
	wg.Wait()
}

// Each goroutine makes its own map and hands it back over a channel; only
// the spawner merges.
func GoodMapMadeInGoroutine() {
	parts := make(chan map[string]int)
	chunks := []string{"a b c", "b c d", "c d e"}
	for _, chunk := range chunks {
		go func() {
			local := make(map[string]int)
			for _, w := range strings.Fields(chunk) {
				local[w]++
			}
			parts <- local
		}()
	}
	total := map[string]int{}
	for range chunks {
		for w, n := range <-parts {
			total[w] += n
		}
	}
}

// A map declared inside the loop body belongs to the one goroutine started
// in that iteration.
func GoodPerIterationMap() {
	chunks := []string{"x y", "y z", "z x"}
	partial := make([]map[string]int, len(chunks))
	var wg sync.WaitGroup
	for i, chunk := range chunks {
		counts := make(map[string]int)
		partial[i] = counts
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range strings.Fields(chunk) {
				counts[w]++
			}
		}()
	}
	wg.Wait()
	total := map[string]int{}
	for _, p := range partial {
		for w, n := range p {
			total[w] += n
		}
	}
}

// One goroutine fills the map; the spawner reads it only after wg.Wait().
func GoodReadAfterWait() {
	index := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, w := range []string{"red", "green", "blue"} {
			index[w] = i
		}
	}()
	wg.Wait()
	_ = index["green"]
	index["black"] = -1
}

// One goroutine owns the map and hands it back over a channel; the spawner
// never touches it by its old name.
func GoodOwnerHandsBack() {
	byLen := map[int][]string{}
	out := make(chan map[int][]string)
	go func() {
		for _, w := range []string{"go", "map", "race", "lock"} {
			byLen[len(w)] = append(byLen[len(w)], w)
		}
		out <- byLen
	}()
	got := <-out
	_ = got[4]
}

// Workers send their results; the spawner is the only writer.
func GoodChannelHandOff() {
	type result struct {
		key string
		n   int
	}
	results := make(chan result)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- result{key: strconv.Itoa(i), n: i * i}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	squares := map[string]int{}
	for r := range results {
		squares[r.key] = r.n
	}
}

// Goroutines only read a map that was complete before they started.
func GoodReadOnlyFanout() {
	limits := map[string]int{"free": 10, "pro": 100}
	plans := []string{"free", "pro", "free"}
	out := make([]int, len(plans))
	var wg sync.WaitGroup
	for i, p := range plans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = limits[p]
		}()
	}
	wg.Wait()
}

// Copy-on-write: each writer builds a new map inside its goroutine and
// publishes it with a compare-and-swap; readers never see a map change.
func GoodCopyOnWrite() {
	var current atomic.Pointer[map[string]int]
	first := map[string]int{}
	current.Store(&first)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				old := current.Load()
				next := make(map[string]int, len(*old)+1)
				for k, v := range *old {
					next[k] = v
				}
				next["w"+strconv.Itoa(w)] = w
				if current.CompareAndSwap(old, &next) {
					return
				}
			}
		}()
	}
	wg.Wait()
	_ = len(*current.Load())
}

// A hub started with `go h.run()` owns its map: everything else talks to it
// over channels.
type Hub struct {
	clients    map[string]bool
	register   chan string
	unregister chan string
	count      chan chan int
	quit       chan struct{}
}

func NewHub() *Hub {
	h := &Hub{
		clients:    map[string]bool{},
		register:   make(chan string),
		unregister: make(chan string),
		count:      make(chan chan int),
		quit:       make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *Hub) run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			delete(h.clients, c)
		case reply := <-h.count:
			reply <- len(h.clients)
		case <-h.quit:
			return
		}
	}
}

func (h *Hub) Len() int {
	reply := make(chan int)
	h.count <- reply
	return <-reply
}

func GoodHub() {
	h := NewHub()
	for i := 0; i < 10; i++ {
		h.register <- strconv.Itoa(i)
	}
	h.unregister <- "3"
	_ = h.Len()
	close(h.quit)
}

// A loop goroutine that shares its map but locks it (embedded mutex).
type Gauges struct {
	sync.Mutex
	values map[string]float64
	in     chan [2]string
	done   chan struct{}
}

func NewGauges() *Gauges {
	g := &Gauges{values: map[string]float64{}, in: make(chan [2]string), done: make(chan struct{})}
	go g.loop()
	return g
}

func (g *Gauges) loop() {
	defer close(g.done)
	for kv := range g.in {
		g.Lock()
		g.values[kv[0]] = float64(len(kv[1]))
		g.Unlock()
	}
}

func (g *Gauges) Value(name string) float64 {
	g.Lock()
	defer g.Unlock()
	return g.values[name]
}

func GoodLockedLoop() {
	g := NewGauges()
	for i := 0; i < 50; i++ {
		g.in <- [2]string{"queue", strings.Repeat("x", i)}
		_ = g.Value("queue")
	}
	close(g.in)
	<-g.done
}

// TTL expiry callbacks that take the lock.
type SafeTTL struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *SafeTTL) Set(key, val string, ttl time.Duration, expired func()) {
	c.mu.Lock()
	c.items[key] = val
	c.mu.Unlock()
	time.AfterFunc(ttl, func() {
		c.mu.Lock()
		delete(c.items, key)
		c.mu.Unlock()
		expired()
	})
}

func GoodTTLExpiry() {
	c := &SafeTTL{items: map[string]string{}}
	var wg sync.WaitGroup
	wg.Add(50)
	for i := 0; i < 50; i++ {
		c.Set(strconv.Itoa(i), "v", 0, wg.Done)
	}
	wg.Wait()
}

// A function started with `go` that writes only a map it made itself.
func summarize(words []string, out chan<- int) {
	distinct := make(map[string]bool, len(words))
	for _, w := range words {
		distinct[w] = true
	}
	out <- len(distinct)
}

func GoodGoFuncOwnMap() {
	out := make(chan int)
	go summarize([]string{"a", "b", "a"}, out)
	go summarize([]string{"c"}, out)
	_ = <-out + <-out
}
