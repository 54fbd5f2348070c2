package gd403

import "testing"

func TestPoolSync(t *testing.T) {
	p := &TargetPool{clients: map[string]int{}}
	p.sync([]string{"a"})
	if p.Stop() != 1 {
		t.Fatal("want one client")
	}
}
