// Package gd405 is the contract for rule GD405 (locked-helper-without-lock): a call of a method
// whose name or doc comment says its caller holds the receiver's mutex, made without it, when
// the method writes a map of the receiver.
package gd405

import "sync"

type queue struct {
	mu      sync.Mutex
	pending map[string]int
	sent    map[string]bool
}

func newQueue() *queue {
	q := &queue{pending: map[string]int{}, sent: map[string]bool{}}
	q.addLocked("boot") // a value no other goroutine has yet
	return q
}

func (q *queue) addLocked(k string) { q.pending[k]++ }

// flush moves the pending entries to sent. q.mu must be held.
func (q *queue) flush() {
	for k := range q.pending {
		q.sent[k] = true
		delete(q.pending, k)
	}
}

// countLocked only reads: no map write needs the lock here.
func (q *queue) countLocked() int { return len(q.pending) }

func (q *queue) Add(k string) {
	q.mu.Lock()
	q.addLocked(k)
	q.mu.Unlock()
}

func (q *queue) AddAndFlush(k string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.addLocked(k)
	q.flush()
}

// Called with the lock held by every caller: its own callers' lock counts.
func (q *queue) addTwiceLocked(k string) {
	q.addLocked(k)
	q.addLocked(k + "2")
}

func (q *queue) AddTwice(k string) {
	q.mu.Lock()
	q.addTwiceLocked(k)
	q.mu.Unlock()
}

// Reported: the lock is released before the helper runs.
func (q *queue) AddLate(k string) {
	q.mu.Lock()
	n := q.countLocked()
	q.mu.Unlock()
	if n < 100 {
		q.addLocked(k) // want GD405 `\(\*queue\).addLocked expects its caller to hold q.mu`
	}
}

// Reported: flush's contract is broken here.
func (q *queue) Tick() {
	q.flush() // want GD405 `\(\*queue\).flush expects its caller to hold q.mu`
}

func GoodLockedCallers() {
	q := newQueue()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.Add("a")
			q.AddAndFlush("b")
			q.AddTwice("c")
		}()
	}
	wg.Wait()
}

func BadUnlockedHelperCall() {
	q := newQueue()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.Add("a")
			q.AddLate("b")
			q.Tick()
		}()
	}
	wg.Wait()
}

// NATS gateway: the variable held a shared value, is given a fresh one, and the helper runs
// before any goroutine can see it (the closure capturing it comes after the call).
type registry struct {
	mu     sync.Mutex
	queues map[string]*queue
}

func (r *registry) attach(name, k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.queues[name]
	if q != nil {
		q.mu.Lock()
		q.addLocked(k)
		q.mu.Unlock()
		return
	}
	q = &queue{pending: map[string]int{}, sent: map[string]bool{}}
	q.addLocked(k) // just built: not reported
	r.queues[name] = q
	go func() {
		q.mu.Lock()
		q.flush()
		q.mu.Unlock()
	}()
}

// Reported: in a loop, the goroutine of the first round already has the value.
func (r *registry) attachMany(k string) {
	var q *queue
	q = &queue{pending: map[string]int{}, sent: map[string]bool{}}
	for i := 0; i < 2; i++ {
		q.addLocked(k) // want GD405 `\(\*queue\).addLocked expects its caller to hold q.mu`
		go func() {
			q.mu.Lock()
			q.flush()
			q.mu.Unlock()
		}()
	}
}
