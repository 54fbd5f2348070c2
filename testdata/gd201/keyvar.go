package gd201

import "strings"

// The write names the loop key variable, but that identifier no longer
// holds the current key: it is shadowed, or it was reassigned earlier in the
// iteration.

// Shadowed by a short variable declaration in the body.
func trimKeys(m map[string]int) {
	for k, v := range m {
		k := strings.TrimSpace(k)
		m[k] = v // want GD201 `may add a key`
	}
}

// Shadowed in a block inside the body.
func canonical(m map[string]string) {
	for name, target := range m {
		if target != "" && target != name {
			name := target
			m[name] = "" // want GD201 `may add a key`
		}
	}
}

// Reassigned before the write.
func resolve(m map[string]string) {
	for name, target := range m {
		if target != "" {
			name = target
		}
		m[name] = "resolved" // want GD201 `may add a key`
	}
}

// Incremented before the write.
func shift(slots map[int]bool) {
	for id, used := range slots {
		id++
		slots[id] = used // want GD201 `may add a key`
	}
}

// Assignment form: the key variable is reassigned in the body.
func renameLast(m map[string]int) string {
	var k string
	for k = range m {
		k = strings.ToUpper(k)
		m[k] += 1 // want GD201 `may add a key`
	}
	return k
}

// --- Not reported: the identifier still denotes the current key. ---

// The shadowing declaration is in a block that ended before the write.
func markAfterInnerShadow(m map[string]string, seen map[string]bool) {
	for name, target := range m {
		if target != "" {
			name := target
			seen[name] = true
		}
		m[name] = "seen"
	}
}

// A nested loop declares its own k, over a different map; after it ends, k
// is the outer key again.
func countAfterInnerLoop(m map[string]int, groups map[string][]string) {
	for k := range m {
		for k := range groups {
			_ = k
		}
		m[k]++
	}
}

// The key is reassigned only after the write.
func copyUpper(m map[string]int, upper map[string]int) {
	for k, v := range m {
		m[k] = v * 2
		k = strings.ToUpper(k)
		upper[k] = v
	}
}
