package gd402

import "testing"

// A test pokes the owner's method from its own goroutine: that says nothing about how the
// program runs it.
func TestRevokeExpired(t *testing.T) {
	l := newLessor()
	l.revokeExpired()
	if l.pending() > 1 {
		t.Fatal("too many")
	}
}
