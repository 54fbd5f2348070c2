// Package gd203 holds a GD203 case whose condition is Go 1.26 syntax: the fix quotes it as written.
package gd203

// Prune drops the entries equal to a value made with new(expr).
func Prune(m map[string]int) {
	for k, v := range m { // want GD203 `maps\.DeleteFunc`
		if v == *new(42) {
			delete(m, k)
		}
	}
}
