package main

// expect-panic: assignment to entry in nil map

// Reading, len, range, delete and clear on a nil map are all legal. Passing
// the nil map to a function that makes its own map does not change the
// caller's variable. The first write panics.

import "fmt"

type stats struct {
	byName map[string]int
}

// initCounts makes a map for its own copy of the parameter only.
func initCounts(m map[string]int) {
	m = make(map[string]int) // want GD302 `caller`
	m["local"] = 1
}

func main() {
	var counts map[string]int
	fmt.Println("read:", counts["a"], "len:", len(counts))
	for k := range counts {
		fmt.Println("never printed", k)
	}
	delete(counts, "a")
	clear(counts)

	initCounts(counts)
	fmt.Println("after initCounts, counts == nil:", counts == nil)

	var s stats
	fmt.Println("field is nil:", s.byName == nil)
	s.byName["a"]++ // want GD101 `assignment to entry in nil map`
	fmt.Println("never printed")
}
