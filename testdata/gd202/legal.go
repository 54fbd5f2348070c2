package gd202

import (
	"log"
	"strings"
	"time"
)

// Legal look-alikes. Nothing in this file may be reported.

type conn struct {
	closed   bool
	lastSeen time.Time
}

type Pool struct {
	conns  map[string]*conn
	byAddr map[string]string
	byID   map[string]string
}

// Deleting the current key is always fine.
func (p *Pool) Reap(now time.Time, ttl time.Duration) int {
	n := 0
	for id, c := range p.conns {
		if c.closed || now.Sub(c.lastSeen) > ttl {
			delete(p.conns, id)
			n++
		}
	}
	return n
}

func drain(work map[string]int, process func(string, int)) {
	for k, v := range work {
		process(k, v)
		delete(work, k)
	}
}

func dropEmpty(m map[string]string) {
	for k := range m { // want GD203 `maps\.DeleteFunc`
		if strings.TrimSpace(m[k]) == "" {
			delete(m, k)
		}
	}
}

func dropNegative(hist map[float64]int) {
	for x, n := range hist {
		switch {
		case n < 0:
			delete(hist, x)
		case x != x: // NaN key: delete cannot find it, but it is still the current key
			delete(hist, x)
		}
	}
}

func dropBlankValue(m map[string]bool) {
	for k, _ := range m { // want GD203 `maps\.DeleteFunc`
		if !m[k] {
			delete(m, k)
		}
	}
}

// Assignment form with an existing variable; it is the current key.
func dropLast(m map[string]int) string {
	var k string
	for k = range m {
		if m[k] == 0 {
			delete(m, k)
		}
	}
	return k
}

func (s Set) DropPrefixed(prefix string) {
	for w := range s { // want GD203 `maps\.DeleteFunc`
		if strings.HasPrefix(w, prefix) {
			delete(s, w)
		}
	}
}

func Filter[K comparable, V any](m map[K]V, keep func(K, V) bool) {
	for k, v := range m { // want GD203 `maps\.DeleteFunc`
		if !keep(k, v) {
			delete(m, k)
		}
	}
}

// Current key deleted from inside a nested loop over a slice, then break.
func dropTagged(jobs map[string]*Job, tag string) {
	for id, j := range jobs {
		for _, d := range j.Deps {
			if d == tag {
				delete(jobs, id)
				break
			}
		}
	}
}

// --- No key variable: cannot tell whether the key is the current one. ---

func dropByValue(aliases map[string]string) {
	for _, target := range aliases {
		delete(aliases, target)
	}
}

func dropOne(m map[string]int, pick func() string) {
	for range m {
		delete(m, pick())
	}
}

// --- The delete runs in a func literal, possibly after the loop. ---

func scheduleCleanup(sessions map[string]string) []func() {
	var cleanups []func()
	for id, parent := range sessions {
		if parent != id {
			cleanups = append(cleanups, func() { delete(sessions, parent) })
		}
	}
	return cleanups
}

func deferredUnlock(locks map[string]bool, owner string) {
	for name := range locks {
		if strings.HasPrefix(name, owner) {
			defer func() { delete(locks, owner) }()
		}
	}
}

// --- The loop ends right after the delete. ---

func replaceFirst(m map[string]*Job) {
	for id, j := range m {
		if j.Parent != "" && j.Parent != id {
			delete(m, j.Parent)
			break
		}
	}
}

func removeParent(m map[string]*Job, id string) bool {
	for k, j := range m {
		if k == id && j.Parent != "" {
			delete(m, j.Parent)
			return true
		}
	}
	return false
}

func collapseAll(m map[string]*Job) {
restart:
	for id, j := range m {
		if j.Parent != "" && j.Parent != id {
			if _, ok := m[j.Parent]; ok {
				delete(m, j.Parent)
				goto restart
			}
		}
	}
}

func firstStale(m map[string]int) {
outer:
	for k, v := range m {
		for _, suffix := range []string{".tmp", ".bak"} {
			if v == 0 {
				delete(m, k+suffix)
				break outer
			}
		}
	}
}

// --- A different map. ---

func (p *Pool) Forget(addr string) {
	for id, a := range p.byID {
		if a == addr {
			delete(p.byAddr, a)
			delete(p.byID, id)
		}
	}
}

func subtract(pending, done map[string]bool) {
	for id := range done {
		delete(pending, id+"-retry")
	}
}

func moveShard(shards [2]map[string]int) {
	for k, v := range shards[0] {
		if v > 10 {
			delete(shards[1], k+"-old")
		}
	}
}

// --- delete is not the builtin. ---

func purgeWith(m map[string]int, delete func(map[string]int, string)) {
	for k := range m {
		delete(m, k+"-shadow")
	}
}

func purgeLogged(m map[string]int) {
	delete := func(m map[string]int, k string) {
		log.Printf("would delete %q from a map of %d", k, len(m))
	}
	for k := range m {
		delete(m, strings.ToUpper(k))
	}
}

// --- Ordinary map code. ---

func ordinary(m map[string]int) int {
	var nilMap map[string]int
	delete(nilMap, "missing") // a no-op on a nil map
	delete(m, "outside-any-loop")
	total := 0
	for _, v := range m {
		total += v
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if m[k] < 0 {
			delete(m, k)
		}
	}
	return total
}
