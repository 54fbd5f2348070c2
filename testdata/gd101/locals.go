// Package gd101 is the contract for rule GD101 (nil-map-write).
//
// A finding is reported on the line of a write (m[k] = v, m[k] op= v,
// m[k]++, m[k]--, or one target of a multi-assignment) when the map is nil on
// every path that reaches the write. Writing to a nil map panics with
// "assignment to entry in nil map"; reading, len, range, delete and clear on a
// nil map are legal.
//
// Runnable contract: every exported function with no parameters and no
// results whose name starts with Bad panics with "assignment to entry in nil
// map" and holds a flagged line; every such function starting with Good
// returns normally.
package gd101

import (
	"strconv"
)

// enabled is true at run time; the analyzer does not evaluate calls.
func enabled() bool { return true }

// A local declared without an initializer and never made.
func BadLocalVar() {
	var counts map[string]int
	counts["a"] = 1 // want GD101 `assignment to entry in nil map`
}

// Compound assignment is a write.
func BadCompoundAssign() {
	var totals map[string]int
	totals["x"] += 5 // want GD101 `assignment to entry in nil map`
}

// Increment is a write.
func BadIncrement() {
	var hits map[string]int
	hits["home"]++ // want GD101 `assignment to entry in nil map`
}

// Decrement is a write.
func BadDecrement() {
	var stock map[string]int
	stock["apple"]-- // want GD101 `assignment to entry in nil map`
}

// One target of a multi-assignment is a nil map entry.
func BadMultiAssign() {
	var seen map[string]bool
	var n int
	n, seen["a"] = 1, true // want GD101 `assignment to entry in nil map`
	_ = n
}

func parse(s string) (int, error) { return strconv.Atoi(s) }

// A multi-assignment from a call.
func BadMultiAssignFromCall() {
	var cache map[string]int
	var err error
	cache["1"], err = parse("1") // want GD101 `assignment to entry in nil map`
	_ = err
}

// Appending to the slice stored under a key still writes the key.
func BadAppendGroup() {
	var groups map[string][]string
	groups["a"] = append(groups["a"], "x") // want GD101 `assignment to entry in nil map`
}

// Setting the map to nil and writing it afterwards, on every path, is GD101
// (GD103 covers a nil reset that reaches the write on some paths only).
func BadSetToNil() {
	m := map[string]int{"a": 1}
	m = nil
	m["b"] = 2 // want GD101 `^assignment to entry in nil map`
}

// An early return on an unrelated condition does not make the map.
func BadAfterUnrelatedReturn() {
	var m map[string]int
	if !enabled() {
		return
	}
	m["k"] = 1 // want GD101 `assignment to entry in nil map`
}

// The map is only read before the write; reads never make it.
func BadAfterReads() {
	var m map[string]int
	if m["a"] == 0 && len(m) == 0 {
		m["a"] = 1 // want GD101 `assignment to entry in nil map`
	}
}

// Silent look-alikes.

// Reading a nil map returns the zero value.
func GoodNilRead() {
	var m map[string]int
	v := m["a"]
	w, ok := m["b"]
	_, _, _ = v, w, ok
}

// len of a nil map is 0.
func GoodNilLen() {
	var m map[string]int
	if len(m) != 0 {
		panic("unreachable")
	}
}

// Ranging over a nil map runs zero iterations.
func GoodNilRange() {
	var m map[string]int
	n := 0
	for _, v := range m {
		n += v
	}
	_ = n
}

// delete on a nil map is a no-op.
func GoodNilDelete() {
	var m map[string]int
	delete(m, "a")
}

// clear on a nil map is a no-op.
func GoodNilClear() {
	var m map[string]int
	clear(m)
}

// Made by make, by a literal, or by a short declaration.
func GoodMade() {
	var a map[string]int
	a = make(map[string]int)
	a["x"] = 1
	b := map[string]int{}
	b["y"]++
	var c = make(map[string]bool, 4)
	c["z"] = true
}

// Set to nil, then made again before the write.
func GoodNilThenRemade() {
	m := map[string]int{"a": 1}
	m = nil
	m = make(map[string]int)
	m["b"] = 2
}

// Only the nil-safe operations on a variable that is set to nil.
func GoodNilResetReadOnly() {
	m := map[string]int{"a": 1}
	m = nil
	delete(m, "a")
	_ = m["a"]
}

// A multi-assignment whose map target is made.
func GoodMultiAssign() {
	seen := make(map[string]bool)
	var n int
	n, seen["a"] = 1, true
	_ = n
}
