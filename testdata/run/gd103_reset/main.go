package main

// expect-panic: assignment to entry in nil map

// Setting a map field to nil to "clear" it does not clear the map: another
// variable that shares the map still sees every entry, and the next write
// through the field panics. clear (Go 1.21+) empties the shared map and keeps
// it usable.

import "fmt"

type Session struct {
	vals map[string]string
}

func NewSession() *Session {
	return &Session{vals: map[string]string{}}
}

// Clear empties the map in place.
func (s *Session) Clear() { clear(s.vals) }

// Reset means to empty the map but leaves a nil map behind.
func (s *Session) Reset() { s.vals = nil }

func (s *Session) Set(k, v string) {
	s.vals[k] = v // want GD103 `set to nil`
}

func main() {
	a := NewSession()
	a.Set("user", "ann")
	shared := a.vals
	a.Clear()
	fmt.Println("after Clear: len =", len(a.vals), "shared len =", len(shared))
	a.Set("user", "bea") // still usable

	b := NewSession()
	b.Set("user", "ann")
	kept := b.vals
	b.Reset()
	fmt.Println("after Reset: vals == nil:", b.vals == nil, "old map still has", len(kept), "entry")
	b.Set("user", "bob")
	fmt.Println("never printed")
}
