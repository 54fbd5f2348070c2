package gd301

// Loops where `clear` is not the builtin: a fix writing clear(m) would call the local or the
// parameter and not compile, so none is offered, and a loop that empties the map anyway is not
// reported; one whose keys can be NaN still is, without the advice.
func purgeCounted(m map[string]int) int {
	clear := len(m)
	for k := range m {
		delete(m, k)
	}
	return clear
}

func purgeScores(m map[float64]int, clear func()) {
	for k := range m { // want GD301 `loop cannot empty m: its key type can hold NaN, which delete never matches; the builtin clear would, but the param clear \(.*clear_shadow\.go:14\) shadows it here`
		delete(m, k)
	}
	clear()
}
