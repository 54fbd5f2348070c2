package gd103

// Legal look-alikes for (b). Nothing in this file may be reported.

// Reset to nil, but the type makes the map lazily: designed for lazy init.
type Buffer struct {
	lines map[int]string
}

func NewBuffer() *Buffer { return &Buffer{lines: map[int]string{}} }

func (b *Buffer) Reset() { b.lines = nil }

func (b *Buffer) ensure() {
	if b.lines == nil {
		b.lines = make(map[int]string)
	}
}

func (b *Buffer) Add(n int, s string) {
	b.ensure()
	b.lines[n] = s
}

func (b *Buffer) addFast(n int, s string) { b.lines[n] = s }

func GoodBufferAfterReset() {
	b := NewBuffer()
	b.addFast(0, "x")
	b.Reset()
	b.Add(1, "a")
}

// Reset to nil; every writer checks for nil first.
type Conn struct {
	opts map[string]string
}

func NewConn() *Conn { return &Conn{opts: map[string]string{}} }

func (c *Conn) Close() { c.opts = nil }

func (c *Conn) SetOpt(k, v string) {
	if c.opts == nil {
		return
	}
	c.opts[k] = v
}

func (c *Conn) SetIfOpen(k, v string) {
	if c.opts != nil {
		c.opts[k] = v
	}
}

// Only nil-safe operations on the field.
func (c *Conn) Opt(k string) string { return c.opts[k] }

func (c *Conn) Forget(k string) { delete(c.opts, k) }

func (c *Conn) Count() int { return len(c.opts) }

func GoodConnAfterClose() {
	c := NewConn()
	c.SetOpt("a", "1")
	c.Close()
	c.SetOpt("b", "2")
	c.SetIfOpen("c", "3")
	c.Forget("a")
	_, _ = c.Opt("a"), c.Count()
}

// A package map set to nil by one function and made again by another.
var cache = map[string]int{}

func dropCache() { cache = nil }

func warmCache() { cache = make(map[string]int) }

func GoodPackageVarRemade() {
	dropCache()
	warmCache()
	cache["a"] = 1
}

// A local that shadows a package map: the package map is never set to nil.
var limits = map[string]int{}

func shadowLimits() {
	limits := map[string]int{"a": 1}
	limits = nil
	_ = limits
}

func setLimit(k string, v int) { limits[k] = v }

func GoodShadowedPackageVar() {
	shadowLimits()
	setLimit("a", 1)
}

// A slice field is set to nil; the map field is never reset.
type Catalog struct {
	names  []string
	byName map[string]int
}

func NewCatalog() *Catalog { return &Catalog{byName: map[string]int{}} }

func (c *Catalog) Reset() { c.names = nil }

func (c *Catalog) Add(n string) {
	c.byName[n] = len(c.names)
	c.names = append(c.names, n)
}

func GoodSliceFieldReset() {
	c := NewCatalog()
	c.Reset()
	c.Add("x")
}

// Reset with clear keeps the map.
type Tally struct {
	m map[string]int
}

func NewTally() *Tally { return &Tally{m: map[string]int{}} }

func (t *Tally) Reset() { clear(t.m) }

func (t *Tally) Inc(k string) { t.m[k]++ }

func GoodClearReset() {
	t := NewTally()
	t.Inc("a")
	t.Reset()
	t.Inc("b")
}

// Reset with a fresh map.
type Window struct {
	hits map[int]int
}

func NewWindow() *Window { return &Window{hits: map[int]int{}} }

func (w *Window) Reset() { w.hits = make(map[int]int) }

func (w *Window) Hit(t int) { w.hits[t]++ }

func GoodRemakeReset() {
	w := NewWindow()
	w.Reset()
	w.Hit(1)
}

// The same field name on two types: only Alpha's is set to nil.
type Alpha struct {
	data map[string]int
}

func (a *Alpha) Drop() { a.data = nil }

type Beta struct {
	data map[string]int
}

func NewBeta() *Beta { return &Beta{data: map[string]int{}} }

func (b *Beta) Put(k string) { b.data[k] = 1 }

func GoodSameFieldNameOtherType() {
	a := &Alpha{data: map[string]int{}}
	a.Drop()
	b := NewBeta()
	b.Put("x")
}

// A writer that makes the map when it finds it nil (also lazy init).
type Journal struct {
	entries map[int]string
}

func NewJournal() *Journal { return &Journal{entries: map[int]string{}} }

func (j *Journal) Rotate() { j.entries = nil }

func (j *Journal) Append(n int, s string) {
	if j.entries == nil {
		j.entries = map[int]string{}
	}
	j.entries[n] = s
}

func GoodJournalAfterRotate() {
	j := NewJournal()
	j.Rotate()
	j.Append(1, "x")
}

// A package map dropped at teardown, whose writer's only caller checks for that first
// (the protocol cmd/compile's inliner uses for its fpmap).
var callerGuarded = map[string]int{}

func dropCallerGuarded() { callerGuarded = nil }

func recordCallerGuarded(k string) {
	callerGuarded[k]++
}

func recordAllCallerGuarded(keys []string) {
	if callerGuarded == nil {
		return
	}
	for _, k := range keys {
		recordCallerGuarded(k)
	}
}

// The caller's guard is any the nil-ness analysis knows: `len(m) == 0` leaves m non-nil on its
// false edge, and `s.m != nil &&` holds inside the if.
var lenGuarded = map[string]int{}

func dropLenGuarded() { lenGuarded = nil }

func recordLenGuarded(k string) {
	lenGuarded[k]++
}

func recordAllLenGuarded(keys []string) {
	if len(lenGuarded) == 0 {
		return
	}
	for _, k := range keys {
		recordLenGuarded(k)
	}
}

type tally struct {
	open   bool
	counts map[string]int
}

func newTally() *tally { return &tally{counts: map[string]int{}} }

func (t *tally) rotate() { t.counts = nil }

func (t *tally) bump(k string) {
	t.counts[k]++
}

func observe(t *tally, k string) {
	if t.counts != nil && k != "" {
		t.bump(k)
	}
}

// A flag set beside the nil, and tested before the write (gRPC's NamedMetricsAll and its
// NamedMetrics map): the write never meets the nil.
type metricsConfig struct {
	all   bool
	named map[string]struct{}
}

func GoodFlagBesideTheNil() {
	cfg := metricsConfig{named: map[string]struct{}{}}
	for _, m := range []string{"named.a", "*", "named.b"} {
		switch m {
		case "*":
			cfg.all = true
			cfg.named = nil
		default:
			if cfg.all {
				continue
			}
			cfg.named[m] = struct{}{}
		}
	}
}

// The nil survives only where the map was made under a condition the write's path implies
// (NATS's signing keys): a range over keys runs only when keys is not empty, and !strict
// was one way in.
func GoodMadeUnderImpliedCondition() {
	keys := map[string]int{"a": 1}
	_, strict := map[string]bool{}["x"]
	var signers map[string]int
	signers = nil
	if len(keys) > 0 || !strict {
		signers = make(map[string]int)
	}
	for k, v := range keys {
		signers[k] = v
	}
	if !strict {
		signers["self"] = 0
	}
}
