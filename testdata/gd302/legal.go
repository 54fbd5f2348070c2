package gd302

import (
	"fmt"
	"sync"
)

// Legal look-alikes. Nothing in this file may be reported.

// Through a pointer to a map: the caller's variable changes.
func resetVia(pm *map[string]int) {
	*pm = make(map[string]int)
}

// Emptying the caller's map in place.
func clearCounts(counts map[string]int) {
	clear(counts)
}

// The new map is returned.
func ensure(m map[string]int) map[string]int {
	if m == nil {
		m = make(map[string]int)
	}
	m["init"] = 1
	return m
}

func normalize(m map[string]string) (map[string]string, error) {
	if len(m) == 0 {
		m = map[string]string{"mode": "fast"}
	}
	return m, nil
}

// Returned on one path.
func orEmpty(m map[string]int, ok bool) map[string]int {
	m = map[string]int{}
	if ok {
		return m
	}
	return nil
}

// Returned inside a struct.
type Table struct {
	rows map[string]int
}

func newTable(rows map[string]int) *Table {
	if rows == nil {
		rows = make(map[string]int)
	}
	return &Table{rows: rows}
}

// Passed to a call.
func fillDefaults(m map[string]string) {
	m["mode"] = "fast"
}

func reload(m map[string]string, apply func(map[string]string)) {
	m = make(map[string]string)
	fillDefaults(m)
	apply(m)
}

func printFresh(m map[string]int) {
	m = map[string]int{"a": 1}
	fmt.Println(m)
}

func collect(m map[string]int, all []map[string]int) []map[string]int {
	m = make(map[string]int)
	return append(all, m)
}

// Assigned to something that outlives the call.
var current map[string]int

func install(m map[string]int) {
	m = make(map[string]int)
	current = m
}

func (t *Table) Load(rows map[string]int) {
	rows = make(map[string]int)
	t.rows = rows
}

func store(m map[string]int, out *map[string]int) {
	m = map[string]int{}
	*out = m
}

// Captured by a closure.
func watcher(m map[string]int) func() int {
	m = make(map[string]int)
	return func() int { return len(m) }
}

func background(m map[string]int, wg *sync.WaitGroup) {
	m = make(map[string]int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		m["started"] = 1
	}()
}

// Sent on a channel.
func publish(m map[string]int, ch chan<- map[string]int) {
	m = make(map[string]int)
	ch <- m
}

// Another existing map, or a map from a call, is not a reset.
func choose(m, fallback map[string]int) int {
	if len(m) == 0 {
		m = fallback
	}
	return len(m)
}

func loadMap() map[string]int { return map[string]int{} }

func refresh(m map[string]int) int {
	m = loadMap()
	return len(m)
}

// A local variable, a shadowing local and a named result are not parameters.
func local() int {
	m := map[string]int{"a": 1}
	m = make(map[string]int)
	m["b"] = 2
	return len(m)
}

func shadow(m map[string]int) int {
	n := len(m)
	{
		m := make(map[string]int)
		m["x"] = n
		n += len(m)
	}
	return n
}

func build() (m map[string]int) {
	m = make(map[string]int)
	m["built"] = 1
	return
}

// Writing through the parameter changes the caller's map.
func record(m map[string]int, k string) {
	m[k]++
}

// Pointer receivers change the caller's struct.
func (c *Cache) Flush() {
	c.items = make(map[string]int)
}

func (c *Counter) Reset() {
	c.counts = nil
}

func (w *Window) Clear() {
	w.hits = map[int64]int{}
}

// Builder-style value receivers return the modified copy.
type Options struct {
	tags map[string]string
	n    int
}

func (o Options) WithTags() Options {
	o.tags = map[string]string{}
	o.tags["built"] = "yes"
	return o
}

func (o Options) Fresh() *Options {
	o.tags = nil
	return &o
}

// The receiver copy is handed on: passed, assigned, or used in a method call.
var registry []Cache

func (c Cache) Register() {
	c.items = make(map[string]int)
	registry = append(registry, c)
}

var defaultCache Cache

func (c Cache) SetDefault() {
	c.items = make(map[string]int)
	defaultCache = c
}

func (c Cache) describe() string { return fmt.Sprint(len(c.items), c.ttl) }

func (c Cache) Describe() string {
	c.items = map[string]int{}
	return c.describe()
}

// A value receiver changing a map behind a pointer field, or behind a pointer
// to a map: the caller sees it.
type shared struct {
	m map[string]int
}

type Handle struct {
	s  *shared
	pm *map[string]int
}

func (h Handle) Reset() {
	h.s.m = make(map[string]int)
	*h.pm = map[string]int{}
}

// Writing through a value receiver's map field changes the shared map.
func (c Cache) Put(k string, v int) {
	c.items[k] = v
}

// A struct parameter that is not a receiver is not (b); a local copy of the
// receiver is not the receiver.
func (c Cache) Snapshot() Cache {
	cp := c
	cp.items = make(map[string]int, len(c.items))
	for k, v := range c.items {
		cp.items[k] = v
	}
	return cp
}
