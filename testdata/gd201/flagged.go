// Package gd201 is the contract for rule GD201 (insert-during-range).
//
// A finding is reported on the line of a write M[x] = v (also op=, ++, --)
// inside the body of a range loop over the map M, when x is not the loop's
// current key (nor the key of an enclosing range loop over the same map): the
// write can create an entry, and the spec leaves it unspecified whether the
// loop produces entries created during iteration. Updating the current key is
// fine and is never reported, and so is a write that is directly followed by
// a statement leaving the loop (break, return, goto, panic).
package gd201

import (
	"strconv"
	"strings"
)

// Lower-casing keys in place: the lower-case copy may be visited again.
func normalizeHeaders(h map[string]string) {
	for name, v := range h {
		if lower := strings.ToLower(name); lower != name {
			h[lower] = v // want GD201 `may add a key`
		}
	}
}

// Adding the reverse mapping to the same map.
func addReverse(pairs map[string]string) {
	for from, to := range pairs {
		pairs[to] = from // want GD201 `may add a key`
	}
}

// Expanding every path to its parent directories.
func addParents(dirs map[string]bool) {
	for p := range dirs {
		if i := strings.LastIndexByte(p, '/'); i > 0 {
			dirs[p[:i]] = true // want GD201 `may add a key`
		}
	}
}

// Compound assignment to a derived key.
func rollUp(hourly map[int]int) {
	for hour, n := range hourly {
		hourly[hour/24*24] += n // want GD201 `may add a key`
	}
}

// Increment and decrement of a derived key.
func countBigrams(freq map[string]int) {
	for w, n := range freq {
		if len(w) > 2 && n > 1 {
			freq[w[:2]]++        // want GD201 `may add a key`
			freq[w[len(w)-2:]]-- // want GD201 `may add a key`
		}
	}
}

// A write followed by continue: the loop goes on.
func addAliases(users map[string]int, alias func(string) string) {
	for name, id := range users {
		a := alias(name)
		if a == "" {
			continue
		}
		users[a] = id // want GD201 `may add a key`
		continue
	}
}

// A loop without a key variable: every write may add a key.
func addDefaults(limits map[string]int) {
	for _, v := range limits {
		limits["default"] = v // want GD201 `may add a key`
	}
}

// A bare range loop.
func grow(ids map[int]string, next func() int) {
	for range ids {
		ids[next()] = "pending" // want GD201 `may add a key`
	}
}

// Float keys.
func addHalves(weights map[float64]int) {
	for x, n := range weights {
		weights[x/2] = n // want GD201 `may add a key`
	}
}

// One target of a multi-assignment.
func splitTotals(totals map[string]int) int {
	seen := 0
	for k, v := range totals {
		seen, totals[k+"/2"] = seen+1, v/2 // want GD201 `may add a key`
	}
	return seen
}

// A break inside a switch leaves the switch, not the loop.
func classify(buckets map[string]int) {
	for name, n := range buckets {
		switch {
		case n > 100:
			buckets[name+":large"] = n // want GD201 `may add a key`
			break
		case n < 0:
			buckets[name] = 0
		}
	}
}

// A break inside an inner loop over a slice leaves only the inner loop.
func tagAll(tags map[string]int, extra []string) {
	for t, n := range tags {
		for _, e := range extra {
			if e != t {
				tags[t+"-"+e] = n // want GD201 `may add a key`
				break
			}
		}
	}
}

// Integer keys computed from the value.
func indexByLength(words map[int]string) {
	for id, w := range words {
		if id != len(w) {
			words[len(w)] = w // want GD201 `may add a key`
		}
	}
}

// The key converted to another representation of itself is still another key.
func addDecimal(codes map[string]int) {
	for code, n := range codes {
		codes[strconv.Itoa(n)] = n // want GD201 `may add a key`
		_ = code
	}
}
