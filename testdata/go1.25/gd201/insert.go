package gd201

import "maps"

// maps.Insert (Go 1.23) into the map being ranged adds keys the loop may or may not visit.
func InsertAll(m map[string]int, more map[string]int) {
	for range m {
		maps.Insert(m, maps.All(more)) // want GD201 `maps\.Insert\(m, \.\.\.\) during range over m`
	}
}

// Into another map: fine.
func InsertElsewhere(m, out map[string]int) {
	for range m {
		maps.Insert(out, maps.All(m))
	}
}
