package main

// expect-stdout: (?s)^start: len=2\nafter 2 writes with key NaN: len=4\nafter delete\(m, NaN\): len=4\nlookup NaN: found=false\nNaN keys seen by range: 2\nafter clear: len=0\n$

// NaN != NaN. Each write with a NaN key adds a new entry, delete(m, NaN)
// matches none of them, and no lookup finds them; only range sees them and
// only clear (Go 1.21+) removes them.

import (
	"fmt"
	"math"
)

func main() {
	m := map[float64]string{1: "one", 2: "two"}
	fmt.Printf("start: len=%d\n", len(m))

	m[math.NaN()] = "missing" // want GD303 `NaN`
	m[math.NaN()] = "missing" // want GD303 `NaN`
	fmt.Printf("after 2 writes with key NaN: len=%d\n", len(m))

	delete(m, math.NaN()) // want GD303 `NaN`
	fmt.Printf("after delete(m, NaN): len=%d\n", len(m))

	_, found := m[math.NaN()]
	fmt.Printf("lookup NaN: found=%v\n", found)

	n := 0
	for k := range m {
		if math.IsNaN(k) {
			n++
		}
	}
	fmt.Printf("NaN keys seen by range: %d\n", n)

	clear(m)
	fmt.Printf("after clear: len=%d\n", len(m))
}
