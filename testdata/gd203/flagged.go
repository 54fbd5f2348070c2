// Package gd203 is the contract for rule GD203 (delete-filter-loop).
//
// A finding is reported on the line of the for keyword of a range loop over
// a map with a key variable whose body is exactly one statement,
// `if COND { delete(M, K) }`, with no init statement and no else, where M is
// the ranged map and K the current key. Since Go 1.21 that loop is
// maps.DeleteFunc(M, func(K, V) bool { return COND }). Comments anywhere in
// the body do not matter.
package gd203

import (
	"strings"
	"time"
)

// String keys, int values.
func dropZero(counts map[string]int) {
	for name, n := range counts { // want GD203 `maps\.DeleteFunc`
		if n == 0 {
			delete(counts, name)
		}
	}
}

// No value variable.
func dropTemp(files map[string]int64) {
	for k := range files { // want GD203 `maps\.DeleteFunc`
		if strings.HasPrefix(k, "tmp") {
			delete(files, k)
		}
	}
}

// The blank value variable.
func dropOdd(ids map[int]bool) {
	for id, _ := range ids { // want GD203 `maps\.DeleteFunc`
		if id%2 == 1 {
			delete(ids, id)
		}
	}
}

// A package-level struct type as the value, and a condition that uses
// variables from outside the loop.
type session struct {
	user     string
	lastSeen time.Time
}

func expire(sessions map[string]session, now time.Time, ttl time.Duration) {
	for token, s := range sessions { // want GD203 `maps\.DeleteFunc`
		if now.Sub(s.lastSeen) > ttl {
			delete(sessions, token)
		}
	}
}

// A condition on both the key and the value.
func dropUser(sessions map[string]session, user string) {
	for token, s := range sessions { // want GD203 `maps\.DeleteFunc`
		if s.user == user && !strings.HasPrefix(token, "svc-") {
			delete(sessions, token)
		}
	}
}

// A comment inside the if body.
func dropNegative(balances map[int]int) {
	for acct, bal := range balances { // want GD203 `maps\.DeleteFunc`
		if bal < 0 {
			// closed accounts are settled elsewhere
			delete(balances, acct)
		}
	}
}

// Comments around the if, in the loop body.
func dropEmptyNames(names map[int]string) {
	for id, name := range names { // want GD203 `maps\.DeleteFunc`
		// Blank names come from half-written records.
		if strings.TrimSpace(name) == "" {
			delete(names, id) // id is the current key
		}
	}
}

// A multi-line condition.
func dropInvalid(limits map[string]int, max int) {
	for key, limit := range limits { // want GD203 `maps\.DeleteFunc`
		if limit <= 0 ||
			limit > max ||
			key == "" {
			delete(limits, key)
		}
	}
}

// Float keys.
func dropSmall(weights map[float64]string, eps float64) {
	for w := range weights { // want GD203 `maps\.DeleteFunc`
		if w < eps {
			delete(weights, w)
		}
	}
}

// A condition too long for gofmt's one-line function literal: the fix puts the body on its own
// line, as gofmt would.
func pruneTemporaries(files map[string]int64) {
	for name, size := range files { // want GD203 `maps\.DeleteFunc`
		if size == 0 && strings.HasPrefix(name, "temporary-") && !strings.HasSuffix(name, ".keep") {
			delete(files, name)
		}
	}
}

// A value type from an imported package, spelled as the file imports it.
func expireBefore(seen map[string]time.Time, cutoff time.Time) {
	for id, at := range seen { // want GD203 `maps\.DeleteFunc`
		if at.Before(cutoff) {
			delete(seen, id)
		}
	}
}
