package gd102

import (
	"net/http"
	"net/url"
)

// Legal look-alikes. Nothing in this file may be reported.

// Every construction sets the field.
type Index struct {
	byKey map[string]int
}

func NewIndex() *Index { return &Index{byKey: map[string]int{}} }

func makeIndex(n int) Index { return Index{byKey: make(map[string]int, n)} }

func (ix *Index) Put(k string, v int) { ix.byKey[k] = v }

// The constructor sets the field right after the literal.
type Table struct {
	rows map[int]string
}

func NewTable() *Table {
	t := &Table{}
	t.rows = make(map[int]string)
	return t
}

func (t *Table) Set(i int, s string) { t.rows[i] = s }

// new(T) followed by setting the field.
type Queue struct {
	pending map[string]int
}

func newQueue() *Queue {
	q := new(Queue)
	q.pending = map[string]int{}
	return q
}

func (q *Queue) Push(k string) { q.pending[k]++ }

// A positional literal sets every field.
type Pair struct {
	seen map[string]bool
	n    int
}

func newPair() Pair { return Pair{map[string]bool{}, 0} }

func (p Pair) Mark(k string) { p.seen[k] = true }

// The embedded struct is set in the literal.
type inner struct {
	m map[string]int
}

type Outer struct {
	inner
	name string
}

func NewOuter() *Outer { return &Outer{inner: inner{m: map[string]int{}}} }

func (o *Outer) Put(k string) { o.m[k] = 1 }

// Lazy init: the constructor leaves entries nil, and a method makes it on demand, under its own
// nil check. Set calls it first; setFast does not, and panics on a value nobody called Set on
// (issue 17 item 5: a nil check plus make in one method does not make the other writes safe).
type Lazy struct {
	entries map[string]string
}

func NewLazy() *Lazy { return &Lazy{} }

func (l *Lazy) ensure() {
	if l.entries == nil {
		l.entries = make(map[string]string)
	}
}

func (l *Lazy) Set(k, v string) {
	l.ensure()
	l.entries[k] = v
}

func (l *Lazy) setFast(k, v string) { l.entries[k] = v } // want GD102 `leaves entries nil, and only \(\*Lazy\)\.ensure makes it \(when nil\): run before that, this write panics`

// A Reset method that makes a fresh map also counts as lazy init.
type Resettable struct {
	seen map[string]bool
}

func NewResettable() *Resettable { return &Resettable{} }

func (r *Resettable) Reset() { r.seen = make(map[string]bool) }

func (r *Resettable) See(k string) { r.seen[k] = true }

// A lazy-init function (not a method): the same, a write that does not call it first panics.
type Memo struct {
	notes map[string]string
}

func newMemo() *Memo { return new(Memo) }

func initMemo(m *Memo) {
	if m.notes == nil {
		m.notes = map[string]string{}
	}
}

func (m *Memo) Note(k, v string) { m.notes[k] = v } // want GD102 `only initMemo makes it \(when nil\)`

func (m *Memo) NoteInit(k, v string) {
	initMemo(m)
	m.notes[k] = v
}

// Guarded writes: a nil check before the write in the same function.
type Checked struct {
	vals map[string]int
}

func NewChecked() *Checked { return &Checked{} }

func (c *Checked) SetIfReady(k string, v int) {
	if c.vals == nil {
		return
	}
	c.vals[k] = v
}

func (c *Checked) SetIfPresent(k string, v int) {
	if c.vals != nil {
		c.vals[k] = v
	}
}

// Only nil-safe operations on the field.
func (c *Checked) Get(k string) (int, bool) {
	v, ok := c.vals[k]
	return v, ok
}

func (c *Checked) Drop(k string) {
	delete(c.vals, k)
	clear(c.vals)
}

func (c *Checked) Sum() int {
	n := len(c.vals)
	for _, v := range c.vals {
		n += v
	}
	return n
}

// A method call on the receiver before the write ends the analysis.
type Touched struct {
	marks map[string]int
	n     int
}

func NewTouched() *Touched { return &Touched{} }

func (t *Touched) touch() { t.n++ }

func (t *Touched) Put(k string) {
	t.touch()
	t.marks[k] = t.n
}

// Constructions in _test.go files do not count (see construct_test.go).
type Fixture struct {
	data map[string][]byte
}

func NewFixture() *Fixture { return &Fixture{data: map[string][]byte{}} }

func (f *Fixture) Put(k string, b []byte) { f.data[k] = b }

// Index writes to a slice field are not map writes.
type Ring struct {
	buf []int
}

func newRing() *Ring { return &Ring{} }

func (r *Ring) Set(i, v int) { r.buf[i] = v }

// A slice field with the same name as a map field of another type.
type Hooks struct {
	handlers []func()
}

func newHooks() *Hooks { return &Hooks{} }

func (h *Hooks) Replace(i int, f func()) { h.handlers[i] = f }

// A type with no construction in the package: the callers build it.
type Options struct {
	Extra map[string]string
}

func (o *Options) Set(k, v string) { o.Extra[k] = v }

// Struct types from other packages.
func setHeader(req *http.Request, id string) {
	req.Header["X-Request-Id"] = []string{id}
	req.Form["id"] = []string{id}
}

func addValue(v url.Values, k string) { v[k] = append(v[k], "1") }

// A local copy of the field is unknown.
func (n *Node) copyLabels() {
	m := n.labels
	if m == nil {
		m = map[string]string{}
	}
	m["copied"] = "yes"
}

// Writes to a local map with the same name as a field.
func (r *Registry) names() map[string]int {
	handlers := map[string]int{}
	for i, n := range r.order {
		handlers[n] = i
	}
	return handlers
}

// The field is set in the writing function before the write.
type Builder struct {
	parts map[string]string
}

func NewBuilder() *Builder { return &Builder{} }

func (b *Builder) Start(k string) {
	b.parts = map[string]string{}
	b.parts[k] = "start"
}

func (b *Builder) Add(k, v string) {
	if b.parts == nil {
		b.parts = make(map[string]string)
	}
	b.parts[k] = v
}

// The SSA compiler's constant cache: the write runs only inside a range over an element of the
// map itself, which a nil map yields empty, so the map is not nil there.
type constCache struct {
	constants map[int64][]string
}

func newConstCache() *constCache { return &constCache{} }

func (c *constCache) get(aux int64, v string) string {
	if c.constants == nil {
		c.constants = make(map[int64][]string)
	}
	c.constants[aux] = append(c.constants[aux], v)
	return v
}

func (c *constCache) drop(aux int64, v string) bool {
	vv := c.constants[aux]
	for i, cv := range vv {
		if cv == v {
			c.constants[aux] = append(vv[:i:i], vv[i+1:]...)
			return true
		}
	}
	return false
}
