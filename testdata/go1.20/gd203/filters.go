// Package gd203 mirrors the flagged loops of ../../gd203 (without the
// expectation comments) in a module whose go.mod says go 1.20. The maps
// package and maps.DeleteFunc do not exist before Go 1.21, so GD203 must
// report nothing here. Every loop deletes only its current key, so GD202 is
// silent too.
package gd203

import (
	"strings"
	"time"
)

func dropZero(counts map[string]int) {
	for name, n := range counts {
		if n == 0 {
			delete(counts, name)
		}
	}
}

func dropTemp(files map[string]int64) {
	for k := range files {
		if strings.HasPrefix(k, "tmp") {
			delete(files, k)
		}
	}
}

func dropOdd(ids map[int]bool) {
	for id, _ := range ids {
		if id%2 == 1 {
			delete(ids, id)
		}
	}
}

type session struct {
	user     string
	lastSeen time.Time
}

func expire(sessions map[string]session, now time.Time, ttl time.Duration) {
	for token, s := range sessions {
		if now.Sub(s.lastSeen) > ttl {
			delete(sessions, token)
		}
	}
}

func dropNegative(balances map[int]int) {
	for acct, bal := range balances {
		if bal < 0 {
			// closed accounts are settled elsewhere
			delete(balances, acct)
		}
	}
}

func dropInvalid(limits map[string]int, max int) {
	for key, limit := range limits {
		if limit <= 0 ||
			limit > max ||
			key == "" {
			delete(limits, key)
		}
	}
}

type entry struct {
	stale bool
	refs  int
}

// Index is a named map type.
type Index map[string]*entry

func (idx Index) Prune() {
	for k, e := range idx {
		if e.stale {
			delete(idx, k)
		}
	}
}

type Cache struct {
	items map[string]int
}

func NewCache() *Cache {
	return &Cache{items: map[string]int{}}
}

func (c *Cache) Evict(below int) {
	for k, hits := range c.items {
		if hits < below {
			delete(c.items, k)
		}
	}
}

func dropEmptyVia(p *map[string]string) {
	for k, v := range *p {
		if v == "" {
			delete(*p, k)
		}
	}
}

func Filter[K comparable, V any](m map[K]V, keep func(K, V) bool) {
	for k, v := range m {
		if !keep(k, v) {
			delete(m, k)
		}
	}
}
