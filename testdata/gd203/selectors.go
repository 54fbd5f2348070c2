package gd203

import "strings"

// Named map types, fields, pointers and type parameters.

type entry struct {
	path  string
	stale bool
	refs  int
}

// Index is a named map type.
type Index map[string]*entry

func (idx Index) Prune() {
	for k, e := range idx { // want GD203 `maps\.DeleteFunc`
		if e.stale {
			delete(idx, k)
		}
	}
}

func pruneUnreferenced(idx Index) {
	for path, e := range idx { // want GD203 `maps\.DeleteFunc`
		if e.refs == 0 && !strings.HasSuffix(path, "/") {
			// directories are kept until their children go
			delete(idx, path)
		}
	}
}

// A map field through a pointer receiver.
type Cache struct {
	items map[string]int
	index Index
}

func NewCache() *Cache {
	return &Cache{items: map[string]int{}, index: Index{}}
}

func (c *Cache) Evict(below int) {
	for k, hits := range c.items { // want GD203 `maps\.DeleteFunc`
		if hits < below {
			delete(c.items, k)
		}
	}
}

func (c *Cache) PruneIndex(prefix string) {
	for p := range c.index { // want GD203 `maps\.DeleteFunc`
		if strings.HasPrefix(p, prefix) {
			delete(c.index, p)
		}
	}
}

// A pointer to a map.
func dropEmptyVia(p *map[string]string) {
	for k, v := range *p { // want GD203 `maps\.DeleteFunc`
		if v == "" {
			delete(*p, k)
		}
	}
}

// Type parameters.
func Filter[K comparable, V any](m map[K]V, keep func(K, V) bool) {
	for k, v := range m { // want GD203 `maps\.DeleteFunc`
		if !keep(k, v) {
			delete(m, k)
		}
	}
}

// The inner loop ranges over the value map; the outer loop does more than
// one thing.
func pruneNested(groups map[string]map[string]int) {
	for name, members := range groups {
		for m, n := range members { // want GD203 `maps\.DeleteFunc`
			if n == 0 {
				delete(members, m)
			}
		}
		if len(members) == 0 {
			delete(groups, name)
		}
	}
}
