package gd302

// A constructor's fresh map assigned to a parameter, and a map field reset on a range loop's
// copy of an element: neither reaches the caller's value.

func newCounts() map[string]int { return make(map[string]int) }

func resetTotals(counts map[string]int) {
	counts = newCounts() // want GD302 `counts = newCounts\(\) changes only this function's copy`
	counts["total"] = 0
}

type column struct {
	name  string
	index map[string]int
}

func resetColumns(cols []column) {
	for _, c := range cols {
		c.index = make(map[string]int) // want GD302 `c\.index = make\(map\[string\]int\) sets a field of c, the range loop's copy of an element of cols`
	}
}

func resetByName(byName map[string]column) {
	for _, c := range byName {
		c.index = nil // want GD302 `range loop's copy of an element of byName`
	}
}

// Stored back, handed on after the reset, through an index, over pointers, or the result of a
// function that may return its argument: not reported.
func resetStoredBack(cols []column, byName map[string]column) []column {
	for i, c := range cols {
		c.index = make(map[string]int)
		cols[i] = c
	}
	for k, c := range byName {
		c.index = map[string]int{}
		byName[k] = c
	}
	var kept []column
	for _, c := range cols {
		c.index = newCounts()
		kept = append(kept, c)
	}
	for i := range cols {
		cols[i].index = make(map[string]int)
	}
	return kept
}

func resetPointers(cols []*column) {
	for _, c := range cols {
		c.index = make(map[string]int)
	}
}

func orDefault(m map[string]int) map[string]int {
	if m == nil {
		return newCounts()
	}
	return m
}

func normalise(counts map[string]int) {
	counts = orDefault(counts)
	counts["total"] = 0
}

// The copy's new map is used after the reset, in this round (Prometheus's promtool unittest):
// a local use, not a lost reset.
func expected(cols []column) (n int) {
	for _, c := range cols {
		if c.index == nil {
			c.index = make(map[string]int)
		}
		c.index["name"] = 1
		n += len(c.index)
	}
	return n
}
