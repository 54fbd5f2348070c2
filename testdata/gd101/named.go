package gd101

import "sort"

// Named map types, aliases, generic map types, named results and
// package-level variables.

// Set is a named map type.
type Set map[string]struct{}

func (s Set) Has(k string) bool {
	_, ok := s[k]
	return ok
}

// Counts is an alias of a map type.
type Counts = map[string]int

// Index is a generic map type.
type Index[K comparable, V any] map[K]V

// A nested named type.
type Registry Set

func BadNamedMapType() {
	var s Set
	s["a"] = struct{}{} // want GD101 `assignment to entry in nil map`
}

func BadAliasMapType() {
	var c Counts
	c["a"]++ // want GD101 `assignment to entry in nil map`
}

func BadGenericMapType() {
	var ix Index[string, int]
	ix["a"] = 1 // want GD101 `assignment to entry in nil map`
}

func BadNamedOfNamedMapType() {
	var r Registry
	r["x"] = struct{}{} // want GD101 `assignment to entry in nil map`
}

// A named result that is never made.
func buildIndex(words []string) (idx map[string]int) {
	for i, w := range words {
		idx[w] = i // want GD101 `assignment to entry in nil map`
	}
	return
}

// A named result of a named map type, written before any return.
func collect(words []string) (out Set, err error) {
	out[words[0]] = struct{}{} // want GD101 `assignment to entry in nil map`
	return out, nil
}

// handlers has no initializer, is never assigned anywhere in the package and
// its address is never taken: every write to it panics.
var handlers map[string]func()

func BadPackageVarNeverAssigned() {
	handlers["ping"] = func() {} // want GD101 `assignment to entry in nil map`
}

func registerHandler(name string, h func()) {
	handlers[name] = h // want GD101 `assignment to entry in nil map`
}

// Reads of the never-assigned package map are fine.
func GoodPackageVarRead() {
	if h, ok := handlers["ping"]; ok {
		h()
	}
	_ = len(handlers)
	delete(handlers, "ping")
}

// Silent look-alikes.

func GoodNamedMapTypeMade() {
	s := make(Set)
	s["a"] = struct{}{}
	t := Set{}
	t["b"] = struct{}{}
	_ = s.Has("a")
}

// A method call on a nil named map that only reads.
func GoodNamedMapTypeNilMethod() {
	var s Set
	_ = s.Has("a")
}

func GoodAliasMade() {
	c := Counts{}
	c["a"]++
	var d Counts = make(Counts)
	d["b"]--
}

func GoodGenericMade() {
	ix := make(Index[string, int])
	ix["a"] = 1
	var iy = Index[int, bool]{}
	iy[1] = true
}

// Named results that are made on every path before the write.
func tally(words []string) (m map[string]int) {
	m = make(map[string]int)
	for _, w := range words {
		m[w]++
	}
	return m
}

func tallyLazy(words []string) (m map[string]int) {
	for _, w := range words {
		if m == nil {
			m = map[string]int{}
		}
		m[w]++
	}
	return
}

// A named result that is only read and returned nil.
func lookupAll(keys []string) (found map[string]int, n int) {
	for _, k := range keys {
		n += found[k]
	}
	return
}

// defaults is assigned in init: not nil at the write.
var defaults map[string]string

func init() {
	defaults = map[string]string{}
}

func GoodPackageVarAssignedInInit() {
	defaults["lang"] = "go"
}

// overrides has its address taken by a loader: it may be made there.
var overrides map[string]int

func loadOverrides() { fillPtr(&overrides) }

func fillPtr(p *map[string]int) { *p = map[string]int{} }

func GoodPackageVarAddressTaken() {
	loadOverrides()
	overrides["x"] = 1
}

// A package map with an initializer.
var table = map[string]int{}

func GoodPackageVarInitialized() {
	table["a"]++
}

// lazyTable is made lazily by a helper.
var lazyTable map[string][]int

func lazy() map[string][]int {
	if lazyTable == nil {
		lazyTable = make(map[string][]int)
	}
	return lazyTable
}

func GoodPackageVarLazy() {
	lazy()
	lazyTable["a"] = append(lazyTable["a"], 1)
	keys := make([]string, 0, len(lazyTable))
	for k := range lazyTable {
		keys = append(keys, k)
	}
	sort.Strings(keys)
}

func GoodNamedResultHelpers() {
	_ = tally([]string{"a", "a"})
	_ = tallyLazy([]string{"b"})
	_, _ = lookupAll([]string{"c"})
}
