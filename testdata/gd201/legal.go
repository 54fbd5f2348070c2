package gd201

import (
	"fmt"
	"strings"
	"sync"
)

// Legal look-alikes. Nothing in this file may be reported.

type entry struct {
	hits int
	tags map[string]bool
}

// Updating the current key is always fine.
func double(m map[string]int) {
	for k, v := range m {
		m[k] = v * 2
	}
}

func bump(m map[string]int) {
	for k := range m {
		m[k]++
		m[k] += 10
		m[k]--
	}
}

func resetBlank(m map[string]int) {
	for k, _ := range m {
		m[k] = 0
	}
}

// Assignment form; k is the current key.
func lastKey(m map[string]int) string {
	var k string
	for k = range m {
		m[k] *= 2
	}
	return k
}

func (s Set) Touch() {
	for w := range s {
		s[w] = struct{}{}
	}
}

func (r *Router) CountHits() {
	for path, rt := range r.routes {
		rt.Hits++
		r.routes[path] = rt
	}
}

func Scale[K comparable](m map[K]float64, f float64) {
	for k, v := range m {
		m[k] = v * f
	}
}

// Writes to a different map.
func lowerCopy(h map[string]string) map[string]string {
	out := make(map[string]string, len(h))
	for name, v := range h {
		out[strings.ToLower(name)] = v
	}
	return out
}

func (r *Router) HostsFromRoutes() {
	for _, rt := range r.routes {
		r.hosts[rt.Target] = "0.0.0.0"
	}
}

func invert(fwd, back map[string]string) {
	for k, v := range fwd {
		back[v] = k
	}
}

// The value's own map, and a map held in the ranged map's value.
func tagAll2(m map[string]*entry) {
	for k, e := range m {
		e.tags[k+":seen"] = true
		m[k].tags["visited"] = true
		e.hits++
	}
}

func nestedTotals(m map[string]map[string]int) {
	for k, inner := range m {
		inner["total"] = len(inner)
		m[k]["count"]++
	}
}

// Reads and lookups are not writes.
func sumWithAliases(m map[string]int) int {
	total := 0
	for k, v := range m {
		if alias, ok := m[k+".alias"]; ok {
			total += alias
		}
		total += v + m[strings.ToUpper(k)]
	}
	return total
}

// Collect first, insert after the loop.
func addReverseSafely(pairs map[string]string) {
	rev := make(map[string]string, len(pairs))
	for from, to := range pairs {
		rev[to] = from
	}
	for to, from := range rev {
		pairs[to] = from
	}
}

// Ranging over a slice of keys is not ranging over the map.
func addParentsSafely(dirs map[string]bool) {
	paths := make([]string, 0, len(dirs))
	for p := range dirs {
		paths = append(paths, p)
	}
	for _, p := range paths {
		if i := strings.LastIndexByte(p, '/'); i > 0 {
			dirs[p[:i]] = true
		}
	}
}

// Range over an integer (Go 1.22) and over a channel.
func fill(m map[int]int, n int, ch chan int) {
	for i := range n {
		m[i] = i * i
	}
	for v := range ch {
		m[v]++
	}
}

// --- The loop ends right after the write. ---

func addFirstMissing(m map[string]int, want []string) {
	for k := range m {
		for _, w := range want {
			if w != k {
				m[w] = 0
				return
			}
		}
	}
}

func addOne(m map[string]int) {
	for k, v := range m {
		m[k+"-copy"] = v
		break
	}
}

func addOnceLabeled(m map[string]int, extra []string) {
outer:
	for k := range m {
		for _, e := range extra {
			if e == k {
				m[e+"!"] = 1
				break outer
			}
		}
	}
}

func addAndRestart(m map[string]string) {
restart:
	for k, parent := range m {
		if _, ok := m[parent]; !ok && parent != k {
			m[parent] = ""
			goto restart
		}
	}
}

func mustBeUpper(m map[string]int) {
	for k, v := range m {
		if strings.ToUpper(k) != k {
			m[strings.ToUpper(k)] = v
			panic(fmt.Sprintf("key %q is not upper case", k))
		}
	}
}

// --- The write runs in a func literal, possibly after the loop. ---

func scheduleCopies(m map[string]int) []func() {
	var jobs []func()
	for k, v := range m {
		jobs = append(jobs, func() { m[k+".copy"] = v })
	}
	return jobs
}

func describeConcurrently(m map[string]int) map[string]string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out = make(map[string]string, len(m))
	)
	for k, v := range m {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			out[k] = fmt.Sprint(v)
		}()
	}
	wg.Wait()
	return out
}

func deferredMarker(m map[string]int) {
	for k := range m {
		if strings.HasPrefix(k, "lock:") {
			defer func() { m["unlocked"]++ }()
		}
	}
}

// --- Other shapes. ---

// Struct fields through a map of pointers are not map writes.
func hitAll(m map[string]*entry) {
	for _, e := range m {
		e.hits++
	}
}

// Two different routers of the same type.
func mergeRoutes(dst, src *Router) {
	for path, rt := range src.routes {
		dst.routes[path] = rt
	}
}
