package gd301

import (
	"log"
	"strings"
)

// Look-alikes that GD301 must not report. No line in this file carries an
// expectation comment.

// Already uses the builtin.
func alreadyCleared(m map[string]int) {
	clear(m)
}

// The body does more than delete.
func resetAndLog(m map[string]int) {
	for k := range m {
		log.Printf("dropping %s", k)
		delete(m, k)
	}
}

// Conditional delete: a filter, not a clear.
func dropZero(m map[string]int) {
	for k, v := range m { // want GD203 `maps\.DeleteFunc`
		if v == 0 {
			delete(m, k)
		}
	}
}

// The single statement is a block, not a delete.
func resetInBlock(m map[string]int) {
	for k := range m {
		{
			delete(m, k)
		}
	}
}

// Two deletes.
func dropFromBoth(a, b map[string]int) {
	for k := range a {
		delete(a, k)
		delete(b, k)
	}
}

// Deletes a key other than the loop key. Not a clear loop; the finding on
// the delete line is GD202's.
func dropLowercase(m map[string]int) {
	for k := range m {
		delete(m, strings.ToLower(k)) // want GD202 `removes another key`
	}
}

// Deletes from a different map: set difference, not a clear.
func subtract(pending, done map[string]bool) {
	for id := range done {
		delete(pending, id)
	}
}

type pool struct{ items map[string]int }

// Same field name, different receiver expression.
func moveAll(dst, src *pool) {
	for k := range src.items {
		delete(dst.items, k)
	}
}

// Different index.
func dropShard(shards [2]map[string]int) {
	for k := range shards[0] {
		delete(shards[1], k)
	}
}

// No key variable; the value is deleted.
func dropTargets(aliases map[string]string) {
	for _, target := range aliases {
		delete(aliases, target)
	}
}

// Ranges over a slice of keys, not over the map.
func dropListed(m map[string]int, keys []string) {
	for _, k := range keys {
		delete(m, k)
	}
}

// Ranges over a channel.
func dropReceived(m map[string]int, ch <-chan string) {
	for k := range ch {
		delete(m, k)
	}
}

type store struct {
	data map[string]int
	all  []map[string]int
}

func (s *store) current() map[string]int { return s.data }

func (s *store) pick(n int) int { return n % len(s.all) }

// The range expression contains a call, which may return a different map on
// each evaluation.
func (s *store) resetCurrent() {
	for k := range s.current() {
		delete(s.current(), k)
	}
}

func (s *store) resetPicked(n int) {
	for k := range s.all[s.pick(n)] {
		delete(s.all[s.pick(n)], k)
	}
}

// A map expression that is a function call result directly.
func load() map[string]int { return map[string]int{"a": 1} }

func resetLoaded() {
	for k := range load() {
		delete(load(), k)
	}
}

// Ordinary map code that must stay silent.
func ordinary(m map[string]int, keys []string) int {
	var nilMap map[string]int
	delete(nilMap, "x") // delete on a nil map is a no-op
	total := 0
	for k, v := range m {
		total += v
		if strings.HasPrefix(k, "tmp") {
			delete(m, k)
		}
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			m[k] = 0
		}
	}
	return total
}
