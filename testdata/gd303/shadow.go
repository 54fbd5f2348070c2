package gd303

// This file does not import math: every `math` here is a local name.

type fakeMath struct{ n float64 }

func (f fakeMath) NaN() float64 { return f.n }

// A local variable named math.
func withLocal(m map[float64]int) {
	math := fakeMath{n: 1}
	delete(m, math.NaN())
	m[math.NaN()] = 2
}

// A parameter named math.
func withParam(m map[float64]int, math interface{ NaN() float64 }) {
	m[math.NaN()]++
	delete(m, math.NaN())
}

// A local function value whose result stands in for NaN.
func withFunc(m map[float64]int) {
	math := struct{ NaN func() float64 }{NaN: func() float64 { return 0 }}
	nan := math.NaN()
	m[nan] = 1
	delete(m, nan)
}
