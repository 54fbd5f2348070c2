package gd201

import "strings"

// Re-keying to an idempotent normalisation of the current key (Hugo's config and params, NATS's
// connection types): if the loop visits the new key, strings.ToLower of it is itself, so the
// visit rewrites the same entry. A note, not a warning.
func lowerKeys(m map[string]int) {
	for k, v := range m {
		delete(m, k)
		m[strings.ToLower(k)] = v // want GD201 `strings\.ToLower of a key it already normalised`
	}
}

func upperKeys(m map[string]bool) {
	for k := range m {
		u := strings.ToUpper(k)
		if u != k {
			delete(m, k)
			m[u] = true // want GD201 `strings\.ToUpper of a key it already normalised`
		}
	}
}

// Still a warning: a suffix is not idempotent (a visit of k+"!" adds k+"!!").
func bangKeys(m map[string]int) {
	for k, v := range m {
		m[strings.ToLower(k)+"!"] = v // want GD201 `the spec leaves it unspecified`
	}
}
