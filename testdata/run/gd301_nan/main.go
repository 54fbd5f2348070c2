package main

// expect-stdout: (?s)^after delete loop: len=2 \(NaN keys left: 2\)\nafter clear: len=0\n$

// The range-and-delete loop cannot remove NaN keys: delete looks the key up
// with ==, and NaN != NaN. clear (Go 1.21+) removes every entry.

import (
	"fmt"
	"math"
)

func countNaN(m map[float64]string) int {
	n := 0
	for k := range m {
		if k != k {
			n++
		}
	}
	return n
}

func main() {
	m := map[float64]string{}
	m[1.5] = "a"
	m[math.NaN()] = "b" // every NaN is a distinct key // want GD303 `NaN`
	m[math.NaN()] = "c" // want GD303 `NaN`
	m[2.5] = "d"

	for k := range m { // want GD301 `clear\(m\)`
		delete(m, k)
	}
	fmt.Printf("after delete loop: len=%d (NaN keys left: %d)\n", len(m), countNaN(m))

	clear(m)
	fmt.Printf("after clear: len=%d\n", len(m))
}
