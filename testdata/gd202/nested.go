package gd202

// Nested range loops. A delete is reported at most once, even when it
// deletes "another key" with respect to more than one enclosing loop.

// The spec case: b is the inner loop's key (fine for the inner loop) but
// another key for the outer loop. The inner loop on its own is a clear loop,
// which is GD301's finding on its for line.
func nestedSpecCase(m map[string]int) {
	for a := range m {
		_ = a
		for b := range m { // want GD301 `clear\(m\)`
			delete(m, b) // want GD202 `removes another key`
		}
	}
}

// De-duplicating by value: deleting b skips it in the outer loop.
func dedupeByValue(m map[string]int) {
	for a, va := range m {
		for b, vb := range m { // want GD203 `maps\.DeleteFunc`
			if a != b && va == vb {
				delete(m, b) // want GD202 `removes another key`
			}
		}
	}
}

// Deleting the outer key from inside an inner loop over the same map: the
// current key of the outer loop, but another key for the inner loop, which
// keeps running.
func dropDominated(scores map[string]int) {
	for a, sa := range scores {
		for b, sb := range scores {
			if a != b && sb > sa {
				delete(scores, a) // want GD202 `removes another key`
			}
		}
	}
}

// The inner loop ranges over a different map and deletes the inner key from
// the outer map: another key for the outer loop.
func dropAliased(primary map[string]int, aliases map[string]string) {
	for id := range primary {
		for alias, target := range aliases {
			if target == id {
				delete(primary, alias) // want GD202 `removes another key`
			}
		}
	}
}

// The inner loop deletes the outer key from the inner map.
func unlinkBackrefs(forward map[string]string, backward map[string]string) {
	for from, to := range forward {
		for k := range backward {
			if k == to {
				delete(backward, from) // want GD202 `removes another key`
			}
		}
	}
}

// --- Not reported. ---

// Same shape as dropDominated, but the inner loop stops right after the
// delete, and a is the outer loop's current key.
func dropDominatedOnce(scores map[string]int) {
	for a, sa := range scores {
		for b, sb := range scores {
			if a != b && sb > sa {
				delete(scores, a)
				break
			}
		}
	}
}

// Each loop deletes its own current key from its own map.
func pruneNested(outer map[string]map[string]int) {
	for name, inner := range outer {
		for k, v := range inner { // want GD203 `maps\.DeleteFunc`
			if v == 0 {
				delete(inner, k)
			}
		}
		if len(inner) == 0 {
			delete(outer, name)
		}
	}
}

// The inner loop ranges over the same map and deletes its own key; the
// outer loop has no key variable, so nothing can be said about it.
func pruneUnderValueLoop(m map[string]int) {
	for _, threshold := range m {
		for k, v := range m { // want GD203 `maps\.DeleteFunc`
			if v < threshold {
				delete(m, k)
			}
		}
	}
}
