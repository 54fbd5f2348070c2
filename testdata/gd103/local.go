// Package gd103 is the contract for rule GD103 (nil-reset-then-write).
//
// (a) Within one function, a map variable, a field path (s.m) or a
// package-level map is set to nil, and a write can reach that nil on some
// paths but not all. (On every path it is GD101 instead.)
//
// (b) Across functions, a map field of a package struct type or a
// package-level map is set to nil in one function and written without a nil
// check or make in another, and nothing in the package ever lazily makes it
// again.
//
// The finding is on the line of the write and says where the map was set to
// nil. Runnable contract: every exported function with no parameters and no
// results whose name starts with Bad takes the nil path and panics with
// "assignment to entry in nil map", and holds a flagged line; every such
// function starting with Good returns normally.
package gd103

import "strconv"

// on is true at run time; the analyzer does not evaluate calls.
func on() bool { return true }

// (a) The "clear" happens in one branch only.
func BadResetInBranch() {
	m := map[string]int{"a": 1}
	if len(m) > 0 {
		m = nil // meant: forget the entries
	}
	m["b"] = 2 // want GD103 `set to nil`
}

// (a) A batch flushed by setting it to nil: the next iteration writes nil.
func BadResetInLoop() {
	batch := map[string]int{}
	for i := 0; i < 3; i++ {
		batch[strconv.Itoa(i)] = i // want GD103 `set to nil`
		if len(batch) >= 1 {
			batch = nil
		}
	}
}

// (a) Set to nil, then continue: the next iteration writes nil.
func BadResetContinue() {
	seen := make(map[int]bool)
	for i := 0; i < 3; i++ {
		if i == 1 {
			seen = nil
			continue
		}
		seen[i] = true // want GD103 `set to nil`
	}
}

// (a) One switch case resets the map.
func BadResetInSwitch() {
	m := map[string]int{}
	mode := "reset"
	switch mode {
	case "reset":
		m = nil
	case "keep":
		m["kept"] = 1
	}
	m["x"]++ // want GD103 `set to nil`
}

// (a) One select case resets the map; a compound assignment follows.
func BadResetInSelect() {
	totals := map[string]int{"a": 1}
	done := make(chan struct{}, 1)
	done <- struct{}{}
	select {
	case <-done:
		totals = nil
	default:
	}
	totals["a"] += 2 // want GD103 `set to nil`
}

// (a) A multi-assignment target after a conditional reset.
func BadResetMultiAssign() {
	m := map[string]bool{}
	n := 0
	if on() {
		m = nil
	}
	n, m["x"] = 1, true // want GD103 `set to nil`
	_ = n
}

// Set is a named map type.
type Set map[string]struct{}

// (a) A named map type.
func BadResetNamedType() {
	s := Set{"a": {}}
	if _, ok := s["a"]; ok {
		s = nil
	}
	s["b"] = struct{}{} // want GD103 `set to nil`
}

type buffer struct {
	pending map[string]int
}

// (a) A field path of a local struct.
func BadFieldResetInBranch() {
	b := &buffer{pending: map[string]int{}}
	b.pending["x"] = 1
	if len(b.pending) > 0 {
		b.pending = nil
	}
	b.pending["y"] = 2 // want GD103 `set to nil`
}

// current is only used in BadPackageVarResetInBranch.
var current = map[string]int{"a": 1}

// (a) A package-level map.
func BadPackageVarResetInBranch() {
	if on() {
		current = nil
	}
	current["b"] = 2 // want GD103 `set to nil`
}

// (a) A parameter.
func put(m map[string]int, drop bool, k string) {
	if drop {
		m = nil // want GD302 `caller`
	}
	m[k] = 1 // want GD103 `set to nil`
}

// Set to nil on every path: GD101, not GD103.
func BadResetAllPaths() {
	m := map[string]int{"a": 1}
	m = nil
	m["b"] = 2 // want GD101 `^assignment to entry in nil map`
}

// Silent look-alikes.

// clear keeps the map usable.
func GoodClearInsteadOfNil() {
	m := map[string]int{"a": 1}
	if on() {
		clear(m)
	}
	m["b"] = 2
}

// Re-making the map instead of nil.
func GoodRemakeInsteadOfNil() {
	m := map[string]int{"a": 1}
	if on() {
		m = make(map[string]int)
	}
	m["b"] = 2
}

// Set to nil, then lazily made again before the write.
func GoodNilThenGuard() {
	m := map[string]int{"a": 1}
	if on() {
		m = nil
	}
	if m == nil {
		m = map[string]int{}
	}
	m["b"] = 2
}

// Set to nil, then assigned a map from a call.
func GoodNilThenAssigned() {
	m := map[string]int{"a": 1}
	if on() {
		m = nil
	}
	m = newMap()
	m["b"] = 2
}

func newMap() map[string]int { return map[string]int{} }

// The nil path returns.
func GoodNilThenReturn() {
	m := map[string]int{"a": 1}
	if on() {
		m = nil
		return
	}
	m["b"] = 2
}

// The write is in the other branch.
func GoodNilInOtherBranch() {
	m := map[string]int{"a": 1}
	if on() {
		m = nil
	} else {
		m["b"] = 2
	}
	_ = m
}

// Switch cases do not fall through.
func GoodSwitchSeparateCases() {
	m := map[string]int{}
	op := strconv.Itoa(len(m))
	switch op {
	case "reset":
		m = nil
	case "0":
		m["k"] = 1
	}
	_ = m
}

// Only nil-safe operations after the reset.
func GoodNilReadAfterReset() {
	m := map[string]int{"a": 1}
	if on() {
		m = nil
	}
	_ = m["a"]
	_ = len(m)
	delete(m, "a")
	for k := range m {
		_ = k
	}
	clear(m)
}

// The write is inside a != nil block.
func GoodNotNilBlock() {
	m := map[string]int{}
	if on() {
		m = nil
	}
	if m != nil {
		m["a"] = 1
	}
}

// Written before the reset, never after.
func GoodWriteBeforeReset() {
	m := map[string]int{}
	m["a"] = 1
	m = nil
	_ = len(m)
}

// The loop breaks right after the reset.
func GoodResetThenBreak() {
	m := map[string]int{}
	for i := 0; i < 3; i++ {
		m[strconv.Itoa(i)] = i
		if i == 1 {
			m = nil
			break
		}
	}
	_ = m
}

// Flushed and re-made inside the loop.
func GoodFlushAndRemake() {
	batch := map[string]int{}
	for i := 0; i < 5; i++ {
		batch[strconv.Itoa(i)] = i
		if len(batch) >= 2 {
			flush(batch)
			batch = make(map[string]int)
		}
	}
}

func flush(m map[string]int) { _ = len(m) }

// Set to nil at the end of an iteration, lazily made at the top of the next.
func GoodResetLazyInLoop() {
	var m map[int]int
	for i := 0; i < 4; i++ {
		if m == nil {
			m = make(map[int]int)
		}
		m[i] = i
		if i%2 == 1 {
			m = nil
		}
	}
}

// A closure that resets the map runs after the write.
func GoodClosureResetAfterWrite() {
	m := map[string]int{}
	reset := func() { m = nil }
	m["a"] = 1
	reset()
}

// A deferred reset.
func GoodDeferredReset() {
	m := map[string]int{}
	defer func() { m = nil }()
	m["a"] = 1
}

// Declared nil is not "set to nil"; made in one branch only. Neither GD101
// (some paths only) nor GD103 (no reset).
func GoodDeclaredNilMadeInBranch() {
	var m map[string]int
	if on() {
		m = make(map[string]int)
	}
	m["a"] = 1
}

// Locals of different functions are different variables.
func dropLocal() {
	cache := map[string]int{"a": 1}
	cache = nil
	_ = cache
}

func GoodLocalsDoNotCross() {
	dropLocal()
	cache := map[string]int{}
	cache["b"] = 1
}

// The write tests some other flag: the nil reaches it.
func BadFlagBesideTheNilOtherFlag() {
	cfg := struct {
		all, strict bool
		named       map[string]struct{}
	}{named: map[string]struct{}{}}
	for _, m := range []string{"*", "named.b"} {
		switch m {
		case "*":
			cfg.all = true
			cfg.named = nil
		default:
			if cfg.strict {
				continue
			}
			cfg.named[m] = struct{}{} // want GD103 `set to nil`
		}
	}
}

// The flag is set again before the write: what it said about the nil no longer holds.
func BadFlagResetAfterTheNil() {
	all := false
	named := map[string]int{}
	for _, m := range []string{"*", "b"} {
		if m == "*" {
			all = true
			named = nil
			continue
		}
		all = false
		if all {
			continue
		}
		named[m]++ // want GD103 `set to nil`
	}
}

// Made only when the keys are there or not strict: strict with no keys keeps the nil.
func BadMadeUnderOtherCondition() {
	keys := map[string]int{}
	strict := on()
	var signers map[string]int
	signers = nil
	if len(keys) > 0 || !strict {
		signers = make(map[string]int)
	}
	if strict {
		signers["self"] = 0 // want GD103 `set to nil`
	}
}
