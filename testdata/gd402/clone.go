package gd402

import "sync"

// A Clone that writes only the maps it makes itself, called under RLock: nothing shared is
// written (the callee's summary says so).
type Table struct {
	mu   sync.RWMutex
	rows map[string]int
}

func (t *Table) clone() *Table {
	out := &Table{rows: make(map[string]int, len(t.rows))}
	for k, v := range t.rows {
		out.rows[k] = v
	}
	return out
}

func (t *Table) Snapshot() *Table {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.clone()
}

// A helper that writes the receiver's own map, through another helper: reported at the call.
func (t *Table) bump(k string) { t.set(k, t.rows[k]+1) }

func (t *Table) set(k string, v int) { t.rows[k] = v }

func (t *Table) Touch(k string) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.bump(k) // want GD402 `calls bump, which writes map .* without a Lock`
}

// A value copy whose map is replaced by a new one before it is filled (NATS's StreamConfig.clone):
// the writes go to the copy's own map, so a caller holding only RLock writes nothing shared.
type Config struct {
	Name string
	Meta map[string]string
}

func (c *Config) copied() *Config {
	out := *c
	if c.Meta != nil {
		out.Meta = make(map[string]string, len(c.Meta))
		for k, v := range c.Meta {
			out.Meta[k] = v
		}
	}
	return &out
}

// Still reported: the copy shares the original's map, and this one writes it.
func (c *Config) renamed(name string) *Config {
	out := *c
	out.Meta["renamed-from"] = c.Name
	out.Name = name
	return &out
}

type Registry struct {
	mu      sync.RWMutex
	configs map[string]*Config
}

func (r *Registry) Get(name string) *Config {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.configs[name].copied()
}

func (r *Registry) Renamed(name, to string) *Config {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.configs[name].renamed(to) // want GD402 `calls renamed, which writes map .* without a Lock`
}

// The copy comes from a constructor of the package (etcd's v2store node.Clone via newDir): a
// value the constructor made is the caller's own, so filling its map under RLock is not shared.
type Dir struct {
	mu       sync.RWMutex
	children map[string]*Dir
}

func newDir() *Dir { return &Dir{children: make(map[string]*Dir)} }

func (d *Dir) clone() *Dir {
	c := newDir()
	for k, child := range d.children {
		c.children[k] = child
	}
	return c
}

func (d *Dir) Snapshot() *Dir {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.clone()
}

// Still reported: this "constructor" hands out one shared value.
var rootDir = newDir()

func sharedDir() *Dir { return rootDir }

func (d *Dir) graft() {
	c := sharedDir()
	for k, child := range d.children {
		c.children[k] = child
	}
}

func (d *Dir) Graft() {
	d.mu.RLock()
	defer d.mu.RUnlock()
	d.graft() // want GD402 `calls graft, which writes map .* without a Lock`
}

// A report built fresh under RLock and filled by a helper that writes through its parameter
// (NATS's createVarz and updateVarzRuntimeFields): the helper writes the caller's new value only.
type Stats struct {
	Hits map[string]int
}

type Server struct {
	mu    sync.RWMutex
	hits  map[string]int
	stats *Stats
}

func (s *Server) fill(st *Stats) {
	st.Hits = make(map[string]int, len(s.hits))
	for k, v := range s.hits {
		st.Hits[k] = v
	}
}

func (s *Server) build() *Stats {
	st := &Stats{}
	s.fill(st)
	return st
}

func (s *Server) Report() *Stats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.build()
}

// The same helper on the server's shared report, under RLock only: two readers fill it at once.
func (s *Server) Refresh() {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.fill(s.stats) // want GD402 `calls fill, which writes map .* without a Lock`
}

// Shared through a parameter of the caller: reported where the shared value is passed.
func (s *Server) refreshInto(st *Stats) { s.fill(st) }

func (s *Server) RefreshShared() {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.refreshInto(s.stats) // want GD402 `calls refreshInto, which writes map .* without a Lock`
}
