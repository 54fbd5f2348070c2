package main

// expect-stdout: (?s)^without delete: iterations=4\ndelete current key: iterations=4 remaining=0\ndelete other keys: iterations=1 remaining=1\n$

// An entry removed before the range loop reaches it is never produced
// (Go spec, "For statements with range clause"). Deleting every other key at
// the first iteration therefore ends the loop after one iteration, whatever
// the iteration order. Deleting the current key skips nothing.

import "fmt"

func newMap() map[string]int {
	return map[string]int{"a": 1, "b": 2, "c": 3, "d": 4}
}

func main() {
	m := newMap()
	n := 0
	for range m {
		n++
	}
	fmt.Printf("without delete: iterations=%d\n", n)

	m = newMap()
	n = 0
	for k := range m {
		n++
		delete(m, k) // the current key: legal, nothing is skipped
	}
	fmt.Printf("delete current key: iterations=%d remaining=%d\n", n, len(m))

	m = newMap()
	keys := []string{"a", "b", "c", "d"}
	n = 0
	for k := range m {
		n++
		for _, other := range keys {
			if other != k {
				delete(m, other) // want GD202 `removes another key`
			}
		}
	}
	fmt.Printf("delete other keys: iterations=%d remaining=%d\n", n, len(m))
}
