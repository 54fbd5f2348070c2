package gd203

import (
	"log"
	"strings"
)

// Look-alikes that are not a single-if filter loop. Nothing in this file may
// be reported, except the one GD202 finding marked below.

// An else branch.
func split(m map[string]int, big map[string]int) {
	for k, v := range m {
		if v > 100 {
			delete(m, k)
		} else {
			big[k] = v
		}
	}
}

// An else-if is an else.
func dropExtremes(m map[string]int) {
	for k, v := range m {
		if v < 0 {
			delete(m, k)
		} else if v > 1000 {
			delete(m, k)
		}
	}
}

// An init statement.
func dropAliased(m map[string]string) {
	for k := range m {
		if target, ok := m[m[k]]; ok && target == k {
			delete(m, k)
		}
	}
}

// A second statement in the loop body.
func dropZeroCounting(m map[string]int) int {
	n := 0
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
		n++
	}
	return n
}

// A second statement in the if body.
func dropZeroLogged(m map[string]int) {
	for k, v := range m {
		if v == 0 {
			log.Printf("dropping %s", k)
			delete(m, k)
		}
	}
}

func dropFirstZero(m map[string]int) {
	for k, v := range m {
		if v == 0 {
			delete(m, k)
			return
		}
	}
}

// Nested ifs: the outer if's body is not a delete.
func dropNested(m map[string]int, enabled bool) {
	for k, v := range m {
		if enabled {
			if v == 0 {
				delete(m, k)
			}
		}
	}
}

// A switch instead of an if.
func dropBySwitch(m map[string]int) {
	for k, v := range m {
		switch {
		case v == 0:
			delete(m, k)
		}
	}
}

// Another key: GD202's finding, not GD203's.
func dropTargets(m map[string]string) {
	for k, v := range m {
		if v != k {
			delete(m, v) // want GD202 `removes another key`
		}
	}
}

// No key variable.
func dropByValue(aliases map[string]string) {
	for _, target := range aliases {
		if target != "" {
			delete(aliases, target)
		}
	}
}

// A different map.
func subtract(pending, done map[string]bool) {
	for id := range done {
		if strings.HasSuffix(id, "-retry") {
			delete(pending, id)
		}
	}
}

// The assignment form: the loop also leaves the last key in k, which the
// function literal of maps.DeleteFunc would not.
func dropLastZero(m map[string]int) string {
	var k string
	for k = range m {
		if m[k] == 0 {
			delete(m, k)
		}
	}
	return k
}

// A range over a slice of keys.
func dropListed(m map[string]int, keys []string) {
	for _, k := range keys {
		if m[k] == 0 {
			delete(m, k)
		}
	}
}

// A delete that is not the builtin.
func dropWith(m map[string]int, delete func(map[string]int, string)) {
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
}

// A delete in a function literal.
func dropLater(m map[string]int) []func() {
	var fs []func()
	for k, v := range m {
		if v == 0 {
			fs = append(fs, func() { delete(m, k) })
		}
	}
	return fs
}

// Unconditional delete: GD301's clear loop, with a condition outside the loop.
func dropAllIf(m map[string]int, reset bool) {
	if reset {
		clear(m)
	}
}

// The key is shadowed inside the if: not the current key any more.
func dropTrimmed(m map[string]int) {
	for k := range m {
		if k := strings.TrimSpace(k); k != "" {
			delete(m, k) // want GD202 `removes another key`
		}
	}
}
