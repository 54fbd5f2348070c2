// Package gd301 holds a GD301 case beside Go 1.26 and 1.27 syntax: the fix lands where it would
// without it, and the file's new(expr) and generic method are left as written.
package gd301

type Set struct{ members map[string]int }

// Reset empties the set with the loop GD301 reports.
func (s *Set) Reset[T any](tag T) *T {
	t := new(tag)
	for k := range s.members { // want GD301 `use clear\(s\.members\)`
		delete(s.members, k)
	}
	return t
}

// Counts is a new(expr) on the same line as the loop's map: the fix must not touch it.
func Counts(m map[string]int) *int {
	n := new(len(m))
	for k := range m { // want GD301 `use clear\(m\)`
		delete(m, k)
	}
	return n
}
