// Package gd101 holds GD101 cases written in Go 1.26 and 1.27 syntax, which tree-sitter-go 0.25
// does not parse: `new(expr)` and generic methods (golint_delete/newer.py rewrites them for it).
package gd101

// Index is a type with generic methods.
type Index struct{ name string }

// A generic method's type parameters are in scope in its body: out is a map[K]V, declared nil.
func (ix *Index) Fill[K comparable, V any](keys []K, v V) map[K]V {
	var out map[K]V
	for _, k := range keys {
		out[k] = v // want GD101 `out is nil on every path here`
	}
	return out
}

// Made first: silent.
func (ix *Index) Made[K comparable, V any](keys []K, v V) map[K]V {
	out := make(map[K]V, len(keys))
	for _, k := range keys {
		out[k] = v
	}
	return out
}

// new(expr) points at a new variable holding the expression's value: here a made map.
func NewOfAMadeMap() int {
	p := new(map[string]int{})
	(*p)["a"] = 1
	n := new(int64(-64))
	s := new("key")
	return len(*p) + int(*n) + len(*s)
}

// After a new(expr), positions are those of the source.
func AfterNewExpr(name string) {
	count := new(len(name))
	var seen map[string]bool
	seen[name] = *count > 0 // want GD101 `seen is nil on every path here \(declared without a value at line 38`
}
