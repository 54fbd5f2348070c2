// Package gd401 holds the GD401 cases that need Go 1.25: sync.WaitGroup.Go runs its function on a
// new goroutine, like a go statement.
package gd401

import (
	"strconv"
	"sync"
)

// Every wg.Go in the loop writes the shared map without a lock.
func BadWaitGroupGo() map[string]int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			counts[strconv.Itoa(i%10)]++ // want GD401 `goroutine`
		})
	}
	wg.Wait()
	return counts
}

// The same with a mutex: silent.
func GoodWaitGroupGoLocked() map[string]int {
	counts := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			counts[strconv.Itoa(i%10)]++
		})
	}
	wg.Wait()
	return counts
}

// Each goroutine fills a map it made itself, handing it back over a channel: silent.
func GoodWaitGroupGoOwned() []map[string]int {
	out := make(chan map[string]int, 4)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			own := map[string]int{}
			own[strconv.Itoa(i)] = i
			out <- own
		})
	}
	wg.Wait()
	close(out)
	var all []map[string]int
	for m := range out {
		all = append(all, m)
	}
	return all
}

// After wg.Wait() the spawner's own writes are joined: silent.
func GoodWaitGroupGoThenWrite() map[string]int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	wg.Go(func() {
		counts["worker"] = 1
	})
	wg.Wait()
	counts["main"] = 2
	return counts
}
