package gd101

// Map fields of struct values built in the same function: T{}, &T{...}
// without the field or with the field nil, new(T) and var t T. The analysis of
// a value ends (silently) at a method call on it, when it or its address is
// passed anywhere, or when it is assigned to another variable.
//
// Every type here has a lazy-init method. That keeps GD102 silent for these
// fields (the type is designed for lazy init), while GD101 still reports a
// write to a fresh value that nothing could have initialised.

type stats struct {
	byName map[string]int
	n      int
}

func (s *stats) ensure() {
	if s.byName == nil {
		s.byName = make(map[string]int)
	}
}

func (s *stats) bump() { s.n++ }

// A value literal without the map field.
func BadStructLiteralWithoutField() {
	s := stats{n: 1}
	s.byName["a"] = 1 // want GD101 `assignment to entry in nil map`
}

// The field copied out of a literal that left it out is the nil map itself.
func BadFieldCopiedOutOfLiteral() {
	s := stats{n: 2}
	counts := s.byName
	counts["a"] = 1 // want GD101 `assignment to entry in nil map`
}

// A pointer literal without the map field.
func BadStructPointerLiteral() {
	p := &stats{}
	p.byName["x"]++ // want GD101 `assignment to entry in nil map`
}

// The field explicitly nil.
func BadStructExplicitNil() {
	s := stats{byName: nil, n: 2}
	s.byName["a"] = s.n // want GD101 `assignment to entry in nil map`
}

// A positional literal with nil for the map.
func BadStructPositionalNil() {
	s := stats{nil, 0}
	s.byName["a"] = 1 // want GD101 `assignment to entry in nil map`
}

// new(T).
func BadNew() {
	p := new(stats)
	p.byName["x"] = 1 // want GD101 `assignment to entry in nil map`
}

// The zero value from var.
func BadVarStruct() {
	var s stats
	s.byName["x"] = 1 // want GD101 `assignment to entry in nil map`
}

// Reading fields, including the nil map, does not set it.
func BadStructAfterReads() {
	s := &stats{n: 3}
	if s.n > 0 && len(s.byName) == 0 && s.byName["n"] == 0 {
		s.byName["n"] = s.n // want GD101 `assignment to entry in nil map`
	}
}

// Writing another field does not set the map.
func BadStructOtherFieldSet() {
	s := stats{}
	s.n = 4
	s.byName["n"] = s.n // want GD101 `assignment to entry in nil map`
}

type base struct {
	tags map[string]string
}

func (b *base) ensureTags() {
	if b.tags == nil {
		b.tags = map[string]string{}
	}
}

type item struct {
	base
	name string
}

func (it *item) ensure() {
	if it.tags == nil {
		it.tags = make(map[string]string)
	}
}

// A map field promoted from an embedded struct that the literal leaves zero.
func BadEmbeddedPromoted() {
	it := item{name: "x"}
	it.tags["color"] = "red" // want GD101 `assignment to entry in nil map`
}

// Silent look-alikes.

// The literal sets the field.
func GoodStructLiteralWithField() {
	s := stats{byName: map[string]int{}}
	s.byName["a"] = 1
	p := &stats{byName: make(map[string]int), n: 1}
	p.byName["b"]++
}

// A positional literal with a made map.
func GoodStructPositionalMade() {
	s := stats{map[string]int{}, 0}
	s.byName["a"] = 1
}

// The field is assigned before the write.
func GoodStructFieldAssigned() {
	p := &stats{}
	p.byName = make(map[string]int)
	p.byName["x"] = 1
	var s stats
	s.byName = map[string]int{}
	s.byName["y"] = 1
}

// A nil guard on the field.
func GoodStructFieldGuard() {
	p := new(stats)
	if p.byName == nil {
		p.byName = make(map[string]int)
	}
	p.byName["x"] = 1
}

// A method call on the value ends the analysis (here it does initialise it).
func GoodStructMethodCall() {
	s := stats{}
	s.ensure()
	s.byName["a"] = 1
}

// Any method call ends the analysis, even one that happens to leave the map alone;
// the write is guarded anyway so the function runs.
func GoodStructOtherMethodCall() {
	p := &stats{}
	p.bump()
	if p.byName != nil {
		p.byName["n"] = p.n
	}
}

func fillStats(s *stats) { s.byName = map[string]int{"init": 1} }

// The address is passed to a function.
func GoodStructAddressPassed() {
	var s stats
	fillStats(&s)
	s.byName["a"]++
}

// The pointer value is passed to a function.
func GoodStructPointerPassed() {
	p := &stats{}
	fillStats(p)
	p.byName["a"]++
}

// The pointer is copied to another variable, which initialises the map.
func GoodStructAliased() {
	p := &stats{}
	q := p
	q.ensure()
	p.byName["a"] = 1
}

func newStats() *stats { return &stats{byName: map[string]int{}} }

// A value returned by a function.
func GoodStructFromCall() {
	s := newStats()
	s.byName["a"]++
}

// The embedded struct is set in the literal.
func GoodEmbeddedSet() {
	it := item{base: base{tags: map[string]string{}}, name: "y"}
	it.tags["color"] = "blue"
}

// The embedded struct's lazy init is called first.
func GoodEmbeddedEnsured() {
	it := &item{}
	it.ensureTags()
	it.tags["size"] = "L"
}

// Only nil-safe operations on the nil field.
func GoodStructNilFieldReadOnly() {
	var s stats
	_ = s.byName["x"]
	delete(s.byName, "x")
	for k := range s.byName {
		_ = k
	}
	clear(s.byName)
}

type board struct {
	cells [4]int
	names []string
}

// Index writes to an array field of a zero struct are legal; a slice field made first too.
func GoodArrayFieldWrite() {
	var b board
	b.cells[0] = 1
	b.names = make([]string, 1)
	b.names[0] = "x"
}

// A closure writes the captured struct's map; the map is made before the closure runs.
func GoodClosureWritesCapturedStruct() {
	var s stats
	add := func(k string) { s.byName[k]++ }
	s.ensure()
	add("a")
}

func setCount(n *int) { *n = 7 }

// Another field's address handed out: whoever holds it can change n, not byName.
func BadOtherFieldAddressTaken() {
	s := stats{}
	setCount(&s.n)
	s.byName["a"] = s.n // want GD101 `assignment to entry in nil map`
}

func initStats(m *map[string]int) { *m = map[string]int{} }

// The map field's own address handed out: the callee may make it.
func GoodFieldAddressTaken() {
	s := stats{}
	initStats(&s.byName)
	s.byName["a"] = 1
}
