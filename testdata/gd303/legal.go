package gd303

import (
	"math"
	"strconv"
)

// Legal look-alikes. Nothing in this file may be reported.

// NaN as a value, not a key.
func markUnknown(m map[string]float64, k string) {
	m[k] = math.NaN()
}

// Infinities compare equal to themselves.
func dropInfinities(m map[float64]int) {
	delete(m, math.Inf(1))
	delete(m, math.Inf(-1))
	m[math.Inf(1)]++
}

// Ordinary float keys, including zero and a constant expression.
func ordinary(m map[float64]string) {
	m[0.1+0.2] = "almost 0.3"
	m[math.Pi] = "pi"
	m[-0.0] = "zero"
	delete(m, math.MaxFloat64)
	delete(m, 0)
}

// Reads find nothing, but they do not change the map.
func lookups(m map[float64]int) (int, bool) {
	_ = m[math.NaN()]
	v, ok := m[math.NaN()]
	return v, ok
}

// A variable that starts as NaN but is reassigned.
func fallback(m map[float64]int, s string) {
	x := math.NaN()
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		x = f
	}
	m[x] = 1
	delete(m, x)
}

func firstValid(m map[float64]int, xs []float64) {
	best := math.NaN()
	for _, x := range xs {
		if !math.IsNaN(x) {
			best = x
			break
		}
	}
	delete(m, best)
}

// Its address is taken: anything may store to it.
func parseInto(dst *float64, s string) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		*dst = f
	}
}

func viaPointer(m map[float64]int, s string) {
	x := math.NaN()
	parseInto(&x, s)
	m[x]++
}

// A parameter: its value is not known.
func drop(m map[float64]int, x float64) {
	delete(m, x)
	m[x] = 0
}

// A shadowing local that is not NaN.
func shadowed(m map[float64]int) {
	nan := math.NaN()
	if nan != nan {
		nan := 1.5
		m[nan] = 1
		delete(m, nan)
	}
}

// Range is the only way to see NaN keys, and clear the only way to remove
// them.
func countNaN(m map[float64]int) int {
	n := 0
	for k := range m {
		if math.IsNaN(k) {
			n++
		}
	}
	clear(m)
	return n
}

// Checking for NaN before using the value as a key.
func safeRecord(m map[float64]int, x float64) {
	if math.IsNaN(x) {
		return
	}
	m[x]++
}

// NaN compared, never used as a key.
func isMissing(x float64) bool {
	y := math.NaN()
	return x != x || math.IsNaN(y)
}
