package gd407

import "testing"

// A test reads the map after the fact, on its own goroutine.
func TestRoutes(t *testing.T) {
	r := newRouter()
	r.add("/", 80)
	for path := range r.all() {
		if path != "/" {
			t.Fatal(path)
		}
	}
}
