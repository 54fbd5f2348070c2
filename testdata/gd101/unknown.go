package gd101

import (
	"encoding/json"
	"maps"
)

// What the analyzer cannot see stays unknown: maps whose address is taken,
// maps assigned in closures, maps received from calls, channels, type
// assertions and parameters are never reported.

// initCopy makes its own copy of the map header; the caller's map stays nil.
func initCopy(m map[string]int) {
	m = make(map[string]int) // want GD302 `caller`
	m["local"] = 1
}

// Passing a nil map to a function cannot make the caller's variable non-nil.
func BadMakeInCallee() {
	var m map[string]int
	initCopy(m)
	m["a"] = 1 // want GD101 `assignment to entry in nil map`
}

// Silent look-alikes.

// json.Unmarshal through &m makes the map.
func GoodUnmarshal() {
	var m map[string]int
	if err := json.Unmarshal([]byte(`{"a":1}`), &m); err != nil {
		panic(err)
	}
	m["b"] = 2
}

// The address is stored and written through.
func GoodAddressTaken() {
	var m map[string]int
	p := &m
	*p = make(map[string]int)
	m["a"] = 1
}

func newCounts() map[string]int { return map[string]int{} }

// A map received from a call.
func GoodFromCall() {
	m := newCounts()
	m["a"]++
	var n map[string]int
	n = newCounts()
	n["b"]++
}

// maps.Clone of a non-nil map is non-nil.
func GoodMapsClone() {
	src := map[string]int{"a": 1}
	dst := maps.Clone(src)
	dst["b"] = 2
}

// Assigned inside a closure that runs before the write.
func GoodClosureAssigns() {
	var m map[string]int
	mk := func() { m = make(map[string]int) }
	mk()
	m["a"] = 1
}

// The write is inside a closure to a captured variable, made before the call.
func GoodClosureWrites() {
	var m map[string]int
	set := func(k string) { m[k] = 1 }
	m = make(map[string]int)
	set("a")
}

// A closure that would write the nil map but is never called.
func GoodClosureNeverCalled() {
	var m map[string]int
	f := func() { m["x"] = 1 }
	_ = f
}

// A deferred closure makes the map; the write happens inside another deferred
// closure that runs after it (defers run last-in, first-out).
func GoodDeferredClosures() {
	var m map[string]int
	defer func() { m["done"] = 1 }()
	defer func() { m = map[string]int{} }()
}

// From a type assertion.
func GoodTypeAssertion() {
	var v any = map[string]int{}
	m := v.(map[string]int)
	m["a"] = 1
}

// From a channel.
func GoodFromChannel() {
	ch := make(chan map[string]int, 1)
	ch <- map[string]int{}
	m := <-ch
	m["a"] = 1
}

// An inner map read from an outer map.
func GoodNestedMap() {
	outer := map[string]map[string]int{"a": {}}
	outer["a"]["b"] = 1
	inner := outer["a"]
	inner["c"] = 1
}

// Range values over a slice of made maps.
func GoodRangeValues() {
	for _, m := range []map[string]int{{}, {}} {
		m["a"] = 1
	}
}

// A parameter of a named map type.
func addAll(s Set, keys []string) {
	for _, k := range keys {
		s[k] = struct{}{}
	}
}

// A parameter set to a fresh map when nil.
func ensureAndAdd(m map[string]int, k string) map[string]int {
	if m == nil {
		m = make(map[string]int)
	}
	m[k]++
	return m
}
