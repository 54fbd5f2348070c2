package gd101

// A function that writes its map parameter on every call: passing it a nil map panics inside,
// like writing the map here. Reported at the call.
func addDefaults(m map[string]int) {
	m["retries"] = 3
	m["timeout"] = 30
}

// Writes only when asked: a nil map passes when the caller does not ask.
func addIf(m map[string]int, ok bool) {
	if ok {
		m["x"] = 1
	}
}

// Makes its own when given nil: nothing to report.
func withDefaults(m map[string]int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m["retries"] = 3
	return m
}

type loader struct{ n int }

func (l *loader) record(seen map[string]bool, name string) {
	seen[name] = true
	l.n++
}

func BadNilToWriter() {
	var opts map[string]int
	addDefaults(opts) // want GD101 `addDefaults writes into opts, which is nil`
}

func BadNilToWriterMethod() {
	var seen map[string]bool
	l := &loader{}
	l.record(seen, "a") // want GD101 `l\.record writes into seen, which is nil`
}

func GoodNilToWriters() {
	var opts map[string]int
	addIf(opts, false)
	opts = withDefaults(opts)
	addDefaults(opts)
	made := map[string]bool{}
	(&loader{}).record(made, "b")
}
