package gd201

import (
	"log"
	"maps"
	"strings"
)

// The loop ends on every path after the write, with other statements in between: the new entry
// can never be produced, because there is no next iteration (delve's fncall.go, a wavefront loop).
func moveAndReturn(m map[int]*int, g int) *int {
	for id, v := range m {
		if v != nil && *v == g {
			m[g] = v
			log.Printf("moved %d to %d", id, g)
			return v
		}
	}
	return nil
}

func moveAndBreak(m map[string]int, to string) {
	for k, v := range m {
		if v < 0 {
			m[to] = v
			delete(m, k)
			log.Print("moved")
			break
		}
	}
}

// A switch's break leaves the switch only; the loop's break after it still ends the loop.
func moveAfterSwitch(m map[string]int, kind int) {
	for k := range m {
		m[k+"-moved"] = 1
		switch kind {
		case 1:
			log.Print("one")
			break
		}
		break
	}
}

// Still reported: a continue between the write and the break starts the next iteration.
func moveOrContinue(m map[string]int, skip bool) {
	for k := range m {
		m[k+"-copy"] = 1 // want GD201 `may add a key`
		if skip {
			continue
		}
		break
	}
}

// Still reported: the statements after the write fall off the end of the body.
func moveAndLog(m map[string]int) {
	for k, v := range m {
		m[strings.ToUpper(k)+"!"] = v // want GD201 `may add a key`
		log.Print(k)
	}
}

// The ranged variable is rebound to a clone before the writes: they go to the clone, and range
// evaluated the original map once (a sass helper's lower-casing of its variables).
func lowerVars(vars map[string]int) map[string]int {
	cloned := false
	for k, v := range vars {
		if k != strings.ToLower(k) {
			if !cloned {
				vars = maps.Clone(vars)
				cloned = true
			}
			delete(vars, k)
			vars[strings.ToLower(k)] = v
		}
	}
	return vars
}
