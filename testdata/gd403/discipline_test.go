package gd403

import "testing"

func TestPoolSize(t *testing.T) {
	p := &Pool{conns: map[string]int{}}
	p.mu.Lock()
	p.conns["a"] = 1
	p.mu.Unlock()
	p.Put("b")
	if p.Size() != 2 {
		t.Fatal(p.Size())
	}
}
