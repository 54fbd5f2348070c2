// Package gd302 is the contract for rule GD302 (ineffective-map-reset).
//
// (a) A map-typed parameter is assigned make(...), a map composite literal or
// nil, and after that the variable never leaves the function (it is not
// returned, passed to a call, assigned to anything, captured by a closure or
// sent). The caller's map is unchanged.
//
// (b) A map field of a value receiver (a copy of the caller's struct) is
// assigned make(...), a map literal or nil, and the receiver copy never
// leaves the method.
//
// The finding is on the line of the assignment.
package gd302

import "strings"

// The caller's map keeps every entry.
func resetCounts(counts map[string]int) {
	counts = make(map[string]int) // want GD302 `caller`
}

// A size-bounded cache that "starts over": the new map is written and then
// dropped when the function returns.
func remember(cache map[string][]byte, key string, val []byte, max int) {
	if len(cache) >= max {
		cache = make(map[string][]byte, max) // want GD302 `caller`
	}
	cache[key] = val
}

// A composite literal with entries.
func applyDefaults(opts map[string]string) {
	if len(opts) == 0 {
		opts = map[string]string{"mode": "fast"} // want GD302 `caller`
	}
	opts["applied"] = "true"
}

// Hand the batch on, then "release" it: the caller still holds every entry.
func flush(batch map[string]int, send func(map[string]int)) {
	send(batch)
	batch = nil // want GD302 `caller`
}

// Copying into a fresh map that nobody sees.
func copyInto(dst, src map[string]int) {
	dst = make(map[string]int, len(src)) // want GD302 `caller`
	for k, v := range src {
		dst[k] = v
	}
}

// Set is a named map type.
type Set map[string]struct{}

func resetSet(s Set) {
	s = Set{} // want GD302 `caller`
}

// A value receiver of a named map type is a map parameter too.
func (s Set) Reset() {
	s = make(Set) // want GD302 `caller`
}

// Type parameters.
func Reset[K comparable, V any](m map[K]V) {
	m = make(map[K]V) // want GD302 `caller`
}

// Reading the new map (len, index, range) keeps it local.
func rebuild(index map[string][]int, words []string) int {
	index = map[string][]int{} // want GD302 `caller`
	for i, w := range words {
		index[strings.ToLower(w)] = append(index[strings.ToLower(w)], i)
	}
	n := 0
	for _, pos := range index {
		n += len(pos)
	}
	return n + len(index)
}

// Set to nil, then only its length is read.
func drop(seen map[int]bool) int {
	seen = nil // want GD302 `caller`
	return len(seen)
}

// A reset in a switch case.
func rotate(logs map[string][]string, mode string) {
	switch mode {
	case "daily":
		logs = make(map[string][]string) // want GD302 `caller`
	case "append":
		logs["today"] = append(logs["today"], "rotated")
	}
}

// A reset inside a loop.
func window(hits map[int]int, events []int, size int) int {
	peak := 0
	for _, e := range events {
		if len(hits) >= size {
			hits = make(map[int]int, size) // want GD302 `caller`
		}
		hits[e]++
		if hits[e] > peak {
			peak = hits[e]
		}
	}
	return peak
}

// A parameter of a function literal.
var resetTally = func(tally map[string]int) {
	tally = map[string]int{} // want GD302 `caller`
}

// Both targets of one assignment are map parameters: each is its own finding.
func resetBoth(seen, pending map[string]bool) {
	seen, pending = make(map[string]bool), nil // want GD302 `seen = make` GD302 `pending = nil`
}

// Only one target gets a new map; the count and the swap are not map resets.
func restart(n int, hits map[string]int, a, b map[string]int) {
	n, hits = 0, map[string]int{} // want GD302 `hits = map`
	a, b = b, a
	_, _ = n, a
}
