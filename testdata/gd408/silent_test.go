package gd408

import "testing"

// A goroutine a test starts says nothing about how the program runs.
func TestClean(t *testing.T) {
	c := &cache{items: map[string]int{"a": 1}, retry: []string{"a"}}
	done := make(chan bool)
	go func() { c.retryFailed(); close(done) }()
	<-done
}
