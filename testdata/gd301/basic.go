// Package gd301 is the contract for rule GD301 (clear-loop).
//
// Every loop flagged here is a `for` statement that ranges over a map and
// whose body is exactly one `delete(M, K)` of the loop's own key from the
// ranged map. The finding is reported on the line of the `for` keyword.
//
// This file and selectors.go hold the flagged loops; they must not use
// clear() so that they can be mirrored under ../go1.20, where nothing may be
// reported.
package gd301

import "fmt"

// Set is a named map type.
type Set map[string]struct{}

// Histogram has float keys, which may include NaN.
type Histogram map[float64]int

func resetCounts(counts map[string]int) {
	for k := range counts { // want GD301 `^loop deletes every key of counts; use clear\(counts\), which says so in one call$`
		delete(counts, k)
	}
}

func resetBlankValue(seen map[int]bool) {
	for id, _ := range seen { // want GD301 `clear\(seen\)`
		delete(seen, id)
	}
}

func resetAssignForm(index map[string][]int) {
	var key string
	for key = range index { // want GD301 `clear\(index\)`
		delete(index, key)
	}
}

func resetWithComments(sessions map[string]int64) {
	for token := range sessions { // want GD301 `clear\(sessions\)`
		// Drop every session; clients re-authenticate lazily.
		delete(sessions, token) // token is the loop key
		/* nothing else happens here */
	}
}

func resetFloatKeys(h Histogram) {
	// NaN keys survive this loop; clear(h) would remove them.
	for bucket := range h { // want GD301 `clear\(h\)`
		delete(h, bucket)
	}
}

func resetFloatLiteral(weights map[float64]int) int {
	for w := range weights { // want GD301 `clear\(weights\)`
		delete(weights, w)
	}
	return len(weights)
}

// Reset empties the set.
func (s Set) Reset() {
	for name := range s { // want GD301 `clear\(s\)`
		delete(s, name)
	}
}

// ResetPtr empties the set through a pointer to it.
func (s *Set) ResetPtr() {
	for name := range *s { // want GD301 `clear\(\*s\)`
		delete(*s, name)
	}
}

// Add inserts name; used so the set is exercised by ordinary code too.
func (s Set) Add(name string) { s[name] = struct{}{} }

// Reset is generic over plain map type parameters.
func Reset[K comparable, V any](m map[K]V) {
	for k := range m { // want GD301 `clear\(m\)`
		delete(m, k)
	}
}

// ResetAll is generic over a map-typed type parameter.
func ResetAll[M ~map[K]V, K comparable, V any](maps ...M) {
	for _, m := range maps {
		for k := range m { // want GD301 `clear\(m\)`
			delete(m, k)
		}
	}
}

// Cache is a generic struct holding a map.
type Cache[K comparable, V any] struct {
	items map[K]V
	hits  int
}

// Purge empties the cache.
func (c *Cache[K, V]) Purge() {
	for k := range c.items { // want GD301 `clear\(c\.items\)`
		delete(c.items, k)
	}
	c.hits = 0
}

func refill(m map[string]int) bool {
	if len(m) > 0 {
		return false
	}
	m["seed"] = 1
	return true
}

// A label on the loop does not matter.
func resetLabeled(m map[string]int) {
again:
	for k := range m { // want GD301 `clear\(m\)`
		delete(m, k)
	}
	if refill(m) {
		goto again
	}
}

// The clear loop nested in a labeled outer loop.
func resetBatches(batches []map[string]int, stop string) {
outer:
	for _, b := range batches {
		if _, ok := b[stop]; ok {
			break outer
		}
		for k := range b { // want GD301 `clear\(b\)`
			delete(b, k)
		}
	}
}

// The builtin is not shadowed here: the local variable named delete lives in
// a sibling block that has already ended.
func resetAfterSiblingShadow(m map[string]int) {
	{
		delete := func(string) {}
		delete("unused")
	}
	for k := range m { // want GD301 `clear\(m\)`
		delete(m, k)
	}
}

// A method named delete does not shadow the builtin.
type registry struct{ names map[string]bool }

func (r *registry) delete(name string) { delete(r.names, name) }

func (r *registry) reset() {
	for n := range r.names { // want GD301 `clear\(r\.names\)`
		delete(r.names, n)
	}
}

func use() {
	s := Set{}
	s.Add("a")
	s.Reset()
	s.ResetPtr()
	c := &Cache[string, int]{items: map[string]int{"a": 1}}
	c.Purge()
	r := &registry{names: map[string]bool{"x": true}}
	r.delete("x")
	r.reset()
	fmt.Println(len(s), len(c.items), len(r.names))
}
