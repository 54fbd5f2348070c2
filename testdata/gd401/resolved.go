package gd401

import "sync"

// Starts are resolved by the receiver's type: `go b.loop()` starts (*Pump).loop, which writes
// nothing, never (*Collector).loop, which writes a map but is never started.
type Collector struct{ seen map[string]int }

func (c *Collector) loop() { c.seen["x"] = 1 }

func (c *Collector) Seen() int { return c.seen["x"] }

func (c *Collector) Run() { c.loop() }

type Pump struct{ n int }

func (p *Pump) loop() { p.n++ }

func StartPump(p *Pump) { go p.loop() }

// The spawner waits for its one goroutine before it uses the map again or returns: the
// goroutine's write happens within the spawner's call.
type Loader struct{ cache map[string]int }

func (l *Loader) fill(wg *sync.WaitGroup) {
	defer wg.Done()
	l.cache["a"] = 1
}

func (l *Loader) Load() int {
	var wg sync.WaitGroup
	wg.Add(1)
	go l.fill(&wg)
	wg.Wait()
	return l.cache["a"]
}

func (l *Loader) Get(k string) int { return l.cache[k] }

type InlineLoader struct{ cache map[string]int }

func (l *InlineLoader) Load() int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.cache["a"] = 1
	}()
	wg.Wait()
	return l.cache["a"]
}

func (l *InlineLoader) Get(k string) int { return l.cache[k] }

// Not joined before the map is used: still reported.
type EagerLoader struct{ cache map[string]int }

func (l *EagerLoader) Load() int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.cache["a"] = 1 // want GD401 `\(\*EagerLoader\)\.Load and \(\*EagerLoader\)\.Get also use it`
	}()
	n := l.cache["b"]
	wg.Wait()
	return n
}

func (l *EagerLoader) Get(k string) int { return l.cache[k] }
