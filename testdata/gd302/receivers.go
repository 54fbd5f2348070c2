package gd302

import "time"

// (b) Map fields of value receivers.

// Cache is used through a value receiver by mistake.
type Cache struct {
	items map[string]int
	ttl   time.Duration
}

func NewCache() *Cache {
	return &Cache{items: map[string]int{}, ttl: time.Minute}
}

func (c Cache) Reset() {
	c.items = make(map[string]int) // want GD302 `caller`
}

// Writes through the new map stay in the copy.
func (c Cache) Preload(keys []string) {
	c.items = map[string]int{} // want GD302 `caller`
	for _, k := range keys {
		c.items[k] = 0
	}
}

// Lazy initialisation in a value receiver: the first call makes a map, fills
// it and drops it, every time.
type Counter struct {
	name   string
	counts map[string]int
}

func (c Counter) Inc(k string) int {
	if c.counts == nil {
		c.counts = make(map[string]int) // want GD302 `caller`
	}
	c.counts[k]++
	return c.counts[k]
}

// Setting the field to nil.
type Stats struct {
	byRoute map[string]int
}

func NewStats() *Stats { return &Stats{byRoute: map[string]int{}} }

func (s Stats) Clear() {
	s.byRoute = nil // want GD302 `caller`
}

func (s *Stats) Total() int {
	n := 0
	for _, v := range s.byRoute {
		n += v
	}
	return n
}

// A named map type as the field.
type Labels map[string]string

type Metric struct {
	name   string
	labels Labels
}

func (m Metric) ResetLabels() {
	m.labels = Labels{"name": m.name} // want GD302 `caller`
}

// A reset in a branch; only reads of the copy follow.
type Window struct {
	start time.Time
	hits  map[int64]int
}

func (w Window) Roll(now time.Time, size time.Duration) int {
	if now.Sub(w.start) > size {
		w.hits = make(map[int64]int) // want GD302 `caller`
		w.start = now
	}
	return len(w.hits)
}
