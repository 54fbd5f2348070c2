// Package gd303 is the contract for rule GD303 (nan-key).
//
// A finding is reported on the line of delete(m, x), m[x] = v, m[x] op= v,
// m[x]++ or m[x]-- where x is math.NaN() (from the math package), or a local
// variable whose only value is math.NaN(). NaN != NaN: the delete never
// removes anything, and the write adds an entry that no lookup or delete can
// reach; only range and clear see it.
package gd303

import (
	"math"
	"strconv"
)

// Deleting NaN removes nothing.
func dropMissing(readings map[float64]string) {
	delete(readings, math.NaN()) // want GD303 `NaN`
}

// Each write adds a new, unreachable entry.
func recordMissing(readings map[float64]string, label string) {
	readings[math.NaN()] = label // want GD303 `NaN`
}

// Counting NaN samples under a NaN key: every ++ adds an entry with value 1.
func histogram(samples []float64) map[float64]int {
	h := make(map[float64]int)
	for _, x := range samples {
		if x != x {
			h[math.NaN()]++ // want GD303 `NaN`
			continue
		}
		h[math.Round(x)]++
	}
	return h
}

func subtract(totals map[float64]int, n int) {
	totals[math.NaN()] -= n // want GD303 `NaN`
	totals[math.NaN()]--    // want GD303 `NaN`
}

// A local holding NaN, declared with :=.
func sentinel(prices map[float64]int) {
	missing := math.NaN()
	prices[missing] = 0     // want GD303 `NaN`
	delete(prices, missing) // want GD303 `NaN`
}

// Declared with var.
func placeholder(scores map[float64]string) {
	var unknown = math.NaN()
	scores[unknown] += "?" // want GD303 `NaN`
}

// Declared with var and a type.
func typedPlaceholder(scores map[float64]string) {
	var unknown float64 = math.NaN()
	delete(scores, unknown) // want GD303 `NaN`
}

// Interface keys holding a NaN behave the same way.
func dropAny(m map[any]int) {
	delete(m, math.NaN()) // want GD303 `NaN`
}

// Series is a named map type.
type Series map[float64]float64

func (s Series) Gap() {
	s[math.NaN()] = 0 // want GD303 `NaN`
}

// A map field.
type Grid struct {
	cells map[float64][]string
}

func NewGrid() *Grid { return &Grid{cells: map[float64][]string{}} }

func (g *Grid) AddUnplaced(name string) {
	g.cells[math.NaN()] = append(g.cells[math.NaN()], name) // want GD303 `NaN`
}

func (g *Grid) DropUnplaced() {
	delete(g.cells, math.NaN()) // want GD303 `NaN`
}

// Parsing failures mapped to NaN, inside a loop.
func parseAll(raw map[string]string, out map[float64]string) {
	bad := math.NaN()
	for name, s := range raw {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			out[bad] = name // want GD303 `NaN`
			continue
		}
		out[f] = name
	}
}
