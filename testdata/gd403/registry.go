// Package gd403 is the contract for rule GD403 (range-without-writers-lock).
//
// A finding is reported on a `for ... range X.f` over a map field f of a
// struct type of the package, in a function that holds neither X.mu.Lock nor
// X.mu.RLock, where mu is the mutex field of the same struct value that
// every write and delete of f in the package holds (at least two of them).
// Ranging while another goroutine writes stops the program with "concurrent
// map iteration and map write". Functions named ...Locked / ...locked, and
// unexported functions whose every call site holds mu, are trusted to run
// under the lock.
package gd403

import (
	"fmt"
	"io"
	"sort"
	"sync"
)

// Registry is a metrics registry: every write to counters and help holds mu.
type Registry struct {
	mu       sync.RWMutex
	counters map[string]int64
	help     map[string]string
}

func NewRegistry() *Registry {
	return &Registry{counters: map[string]int64{}, help: map[string]string{}}
}

func (r *Registry) Inc(name string) {
	r.mu.Lock()
	r.counters[name]++
	r.mu.Unlock()
}

func (r *Registry) Add(name string, n int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counters[name] += n
}

func (r *Registry) Describe(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.help[name] = text
}

func (r *Registry) Unregister(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.counters, name)
	delete(r.help, name)
}

// The exposition handler ranges with no lock at all.
func (r *Registry) WriteText(w io.Writer) error {
	for name, v := range r.counters { // want GD403 `without .*mu`
		if _, err := fmt.Fprintf(w, "%s %d\n", name, v); err != nil {
			return err
		}
	}
	return nil
}

// The read lock is released before the loop.
func (r *Registry) Names() []string {
	r.mu.RLock()
	names := make([]string, 0, len(r.counters))
	r.mu.RUnlock()
	for name := range r.counters { // want GD403 `without .*mu`
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// The lock is taken on one path only.
func (r *Registry) Snapshot(consistent bool) map[string]int64 {
	if consistent {
		r.mu.RLock()
		defer r.mu.RUnlock()
	}
	out := make(map[string]int64)
	for k, v := range r.counters { // want GD403 `without .*mu`
		out[k] = v
	}
	return out
}

// The second field, help, has the same writers' lock.
func (r *Registry) HelpText() string {
	s := ""
	for name, text := range r.help { // want GD403 `without .*mu`
		s += "# HELP " + name + " " + text + "\n"
	}
	return s
}

// A plain function with the registry as a parameter.
func Export(r *Registry) map[string]int64 {
	out := map[string]int64{}
	for k, v := range r.counters { // want GD403 `without .*mu`
		out["app_"+k] = v
	}
	return out
}

// Server reaches the registry through a field: the lock is s.reg.mu.
type Server struct {
	reg  *Registry
	name string
}

func (s *Server) DebugVars() map[string]int64 {
	vars := map[string]int64{}
	for k, v := range s.reg.counters { // want GD403 `without .*mu`
		vars[s.name+"."+k] = v
	}
	return vars
}

// --- Not reported. ---

// The read lock with a deferred unlock.
func (r *Registry) Total() int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var t int64
	for _, v := range r.counters {
		t += v
	}
	return t
}

// The write lock, released after the loop.
func (r *Registry) ResetAll() {
	r.mu.Lock()
	for k := range r.counters {
		r.counters[k] = 0
	}
	r.mu.Unlock()
}

// By convention the caller holds the lock.
func (r *Registry) maxLocked() int64 {
	var m int64
	for _, v := range r.counters {
		if v > m {
			m = v
		}
	}
	return m
}

func (r *Registry) Max() int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.maxLocked()
}

// The lower-case form of the same convention.
func (r *Registry) helpNameslocked() []string {
	var names []string
	for name := range r.help {
		names = append(names, name)
	}
	return names
}

func (r *Registry) HelpNames() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.helpNameslocked()
}

// Unexported, and every call site holds mu (one Lock, one RLock).
func (r *Registry) dump(w io.Writer) {
	for name, v := range r.counters {
		fmt.Fprintf(w, "%s=%d\n", name, v)
	}
}

func (r *Registry) Dump(w io.Writer) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	r.dump(w)
}

func (r *Registry) DumpAndReset(w io.Writer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dump(w)
	for k := range r.counters {
		r.counters[k] = 0
	}
}

// A local map, and a copy made under the lock.
func (r *Registry) SortedCopy() []string {
	r.mu.RLock()
	cp := make(map[string]int64, len(r.counters))
	for k, v := range r.counters {
		cp[k] = v
	}
	r.mu.RUnlock()
	lines := make([]string, 0, len(cp))
	for k, v := range cp {
		lines = append(lines, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(lines)
	return lines
}

// Through the field path, holding s.reg.mu.
func (s *Server) LockedVars() map[string]int64 {
	s.reg.mu.RLock()
	defer s.reg.mu.RUnlock()
	vars := map[string]int64{}
	for k, v := range s.reg.counters {
		vars[s.name+"."+k] = v
	}
	return vars
}

// guard wraps a plain mutex: it has Lock and Unlock, no RLock, and is no sync.RWMutex.
type guard struct{ sync.Mutex }

// Tally's writes hold a mutex whose type is not sync.RWMutex: the advice is Lock, never RLock.
type Tally struct {
	mu     guard
	counts map[string]int
}

func (t *Tally) Add(name string) {
	t.mu.Lock()
	t.counts[name]++
	t.mu.Unlock()
}

func (t *Tally) Drop(name string) {
	t.mu.Lock()
	delete(t.counts, name)
	t.mu.Unlock()
}

func (t *Tally) Total() (n int) {
	for _, c := range t.counts { // want GD403 `without t\.mu, which both writes to it hold: .* take t\.mu\.Lock around the loop$`
		n += c
	}
	return n
}
