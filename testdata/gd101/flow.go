package gd101

import "strings"

// Control flow: the map must be nil on every path that reaches the write.

// A write inside a loop after a nil declaration: no iteration makes the map.
func BadLoopWrite() {
	var squares map[int]int
	for i := 0; i < 3; i++ {
		squares[i] = i * i // want GD101 `assignment to entry in nil map`
	}
}

// A range loop over a slice with a nil map.
func BadRangeSliceWrite() {
	var byLen map[int][]string
	for _, w := range strings.Fields("a bb ccc") {
		byLen[len(w)] = append(byLen[len(w)], w) // want GD101 `assignment to entry in nil map`
	}
}

// Neither branch makes the map.
func BadIfElseNeitherMakes() {
	var m map[string]int
	n := 0
	if enabled() {
		n = 1
	} else {
		n = 2
	}
	m["n"] = n // want GD101 `assignment to entry in nil map`
}

// No case of the switch makes the map.
func BadSwitchNoCaseMakes() {
	var m map[string]string
	kind := "b"
	switch kind {
	case "a":
		kind = "A"
	case "b":
		kind = "B"
	default:
		kind = "?"
	}
	m["kind"] = kind // want GD101 `assignment to entry in nil map`
}

// The write sits in a select case.
func BadSelectCase() {
	var got map[string]int
	ch := make(chan int, 1)
	ch <- 7
	select {
	case v := <-ch:
		got["recv"] = v // want GD101 `assignment to entry in nil map`
	default:
		got["none"] = 0 // want GD101 `assignment to entry in nil map`
	}
}

// A short declaration in an inner block declares a new map; the outer one stays nil.
func BadShadowedMake() {
	var m map[string]int
	if enabled() {
		m := make(map[string]int)
		m["inner"] = 1
	}
	m["outer"] = 2 // want GD101 `assignment to entry in nil map`
}

// A shadowing var declaration inside a block is nil even though the outer map was made.
func BadShadowingVar() {
	m := make(map[string]int)
	m["outer"] = 1
	{
		var m map[string]int
		m["inner"] = 2 // want GD101 `assignment to entry in nil map`
	}
}

// A guard on a different map does not make this one.
func BadGuardOnOtherMap() {
	var a, b map[string]int
	if a == nil {
		a = make(map[string]int)
	}
	a["x"] = 1
	b["x"] = 1 // want GD101 `assignment to entry in nil map`
}

// The make lives in a branch that returns; the path that reaches the write never makes it.
func BadMadeOnlyOnReturningPath() {
	var m map[string]int
	if !enabled() {
		m = make(map[string]int)
		m["early"] = 1
		return
	}
	m["late"] = 1 // want GD101 `assignment to entry in nil map`
}

// A map declared inside the loop body is a new nil map on every iteration;
// the make at the end of one iteration does not reach the next.
func BadVarInsideLoop() {
	for i := 0; i < 2; i++ {
		var m map[int]int
		m[i] = i // want GD101 `assignment to entry in nil map`
		m = make(map[int]int)
		_ = m
	}
}

// The if statement's init declares a new map; the outer one stays nil.
func BadShadowInIfInit() {
	var m map[string]int
	if m := make(map[string]int); len(m) == 0 {
		m["inner"] = 1
	}
	m["outer"] = 1 // want GD101 `assignment to entry in nil map`
}

// A function literal is a function of its own: its local is nil.
func BadInsideFuncLiteral() {
	f := func() {
		var m map[string]int
		m["a"] = 1 // want GD101 `assignment to entry in nil map`
	}
	f()
}

// The make follows the write in the loop body. The write is reachable with a
// nil map (first iteration) and with a made one (later iterations): nil on some
// paths only, not GD101. At run time the first iteration skips the write.
func GoodMakeAfterWriteInLoop() {
	var m map[int]int
	for i := 0; i < 3; i++ {
		if i > 0 {
			m[i] = i
		}
		m = make(map[int]int)
	}
}

// Silent look-alikes.

// The classic lazy-init guard.
func GoodGuardMake() {
	var m map[string]int
	if m == nil {
		m = make(map[string]int)
	}
	m["a"] = 1
}

// A guard with a literal instead of make.
func GoodGuardLiteral() {
	var m map[string]int
	if m == nil {
		m = map[string]int{}
	}
	m["a"]++
}

// A nil guard that returns.
func GoodGuardReturn() {
	var m map[string]int
	if m == nil {
		return
	}
	m["a"] = 1
}

// The write is inside a != nil block.
func GoodNotNilBlock() {
	var m map[string]int
	if m != nil {
		m["a"] = 1
	}
}

// The write is in the else branch of an == nil test.
func GoodElseOfNilTest() {
	var m map[string]int
	if m == nil {
		m = map[string]int{"first": 1}
	} else {
		m["again"] = 1
	}
	_ = m
}

// Both branches make the map.
func GoodBothBranchesMake() {
	var m map[string]int
	if enabled() {
		m = make(map[string]int)
	} else {
		m = map[string]int{"x": 0}
	}
	m["x"]++
}

// Every case of the switch, including default, makes the map.
func GoodSwitchAllCasesMake() {
	var m map[string]int
	switch strings.ToUpper("b") {
	case "A":
		m = make(map[string]int, 1)
	case "B":
		m = map[string]int{}
	default:
		m = make(map[string]int)
	}
	m["k"] = 1
}

// Every select case makes the map.
func GoodSelectAllCasesMake() {
	var m map[string]int
	ch := make(chan int, 1)
	ch <- 1
	select {
	case v := <-ch:
		m = map[string]int{"v": v}
	default:
		m = make(map[string]int)
	}
	m["done"] = 1
}

// Made in one branch only: nil on some paths. Not GD101 (precision first);
// enabled() is true at run time.
func GoodMadeInOneBranch() {
	var m map[string]int
	if enabled() {
		m = make(map[string]int)
	}
	m["k"] = 1
}

// Made inside the loop body before the write.
func GoodMakeInsideLoop() {
	var m map[int]int
	for i := 0; i < 3; i++ {
		m = make(map[int]int)
		m[i] = i
	}
}

// Lazily made inside the loop.
func GoodLazyInLoop() {
	var index map[string]int
	for i, w := range strings.Fields("a b c") {
		if index == nil {
			index = make(map[string]int)
		}
		index[w] = i
	}
}

// Made before the loop, written inside it.
func GoodMadeBeforeLoop() {
	m := make(map[int]bool)
	for i := range 3 {
		m[i] = true
	}
}

// An infinite loop left only by break, after making the map.
func GoodMadeInLoopThenBreak() {
	var m map[string]int
	for {
		m = make(map[string]int)
		break
	}
	m["k"] = 1
}

// The inner short declaration shadows the nil outer map; only the inner one is written.
func GoodShadowInnerWritten() {
	var m map[string]int
	{
		m := make(map[string]int)
		m["inner"] = 1
	}
	_ = m["outer"]
}

// A panic on the nil path: afterwards the map is not nil.
func mustHave(m map[string]int) {
	if m == nil {
		panic("no map")
	}
	m["seen"] = 1
}

// A parameter is whatever the caller passed.
func record(m map[string]int, k string) {
	m[k]++
}

// A nil guard with continue inside a loop.
func countNonNil(ms []map[string]int) {
	for _, m := range ms {
		if m == nil {
			continue
		}
		m["counted"] = 1
	}
}
