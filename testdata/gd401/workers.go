// Package gd401 is the contract for rule GD401 (goroutine-map-write).
//
// A finding is reported on a map write (m[k] = v, op=, ++, --) or a
// delete(m, k) inside another goroutine (the body of a `go func(){...}()`
// literal, a same-package function or method started with `go`, or a
// time.AfterFunc callback) with no write lock held there, when the map is
// shared: a captured variable that the spawning function still uses before
// it joins, a map declared outside the loop that starts many goroutines, or
// a package-level map or a struct's map field that other code also uses.
//
// Runnable contract: every exported function with no parameters and no
// results whose name starts with Bad, run alone in a program built with
// -race, makes the race detector report a data race (or the runtime stop
// with "concurrent map writes") and holds a flagged line; every such
// function starting with Good runs clean under -race and returns quickly.
package gd401

import (
	"strconv"
	"strings"
	"sync"
)

// (a) A worker pool: the go statement is in a loop and every worker stores
// its results in the one map declared before the loop.
func BadWorkerPoolResults() {
	results := make(map[int]int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				results[id*1000+j] = j * j // want GD401 `goroutine`
			}
		}(w)
	}
	wg.Wait()
}

// (a) A word count split by line, one goroutine per line, all bumping the
// same counter map.
func BadCountWords() {
	lines := make([]string, 4)
	for i := range lines {
		lines[i] = strings.Repeat("alpha beta gamma ", 300)
	}
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, line := range lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, word := range strings.Fields(line) {
				counts[word]++ // want GD401 `goroutine`
			}
		}()
	}
	wg.Wait()
}

// (a) A compound assignment: shard totals summed by one goroutine per shard
// into a map keyed by region, which several shards share.
func BadShardTotals() {
	regions := []string{"eu", "us", "eu", "us"}
	totals := map[string]int64{}
	var wg sync.WaitGroup
	for shard, region := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				totals[region] += int64(shard + i) // want GD401 `goroutine`
			}
		}()
	}
	wg.Wait()
}

// (a) Not in a loop, but the spawner keeps reading the map before it joins
// on done.
func BadProgressPolling() {
	progress := map[string]int{}
	done := make(chan struct{})
	go func() {
		for i := 0; i < 1000; i++ {
			progress["loaded"] = i // want GD401 `goroutine`
		}
		close(done)
	}()
	polls := 0
	for i := 0; i < 1000; i++ {
		polls += progress["loaded"]
	}
	<-done
	_ = polls
}

// (a) A pruner deletes from the set that the spawner is still filling.
func BadPruneWhileFilling() {
	live := make(map[int]bool)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			delete(live, i) // want GD401 `goroutine`
		}
	}()
	for i := 0; i < 1000; i++ {
		live[i] = true
	}
	wg.Wait()
}

// Flow-sensitive: the lock covers the first write only; the second one comes
// after Unlock.
func BadUnlockTooEarly() {
	var mu sync.Mutex
	seen := map[string]bool{}
	counts := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := strconv.Itoa(i % 50)
				mu.Lock()
				seen[k] = true
				mu.Unlock()
				counts[k]++ // want GD401 `goroutine`
			}
		}()
	}
	wg.Wait()
}
