package inventory

// lookupCache memoises tag lookups between writes.
type lookupCache struct {
	limit   int
	entries map[string][]SKU
}

func newLookupCache(limit int) *lookupCache {
	return &lookupCache{limit: limit, entries: make(map[string][]SKU, limit)}
}

func (c *lookupCache) get(tag string) ([]SKU, bool) {
	v, ok := c.entries[tag]
	return v, ok
}

func (c *lookupCache) put(tag string, skus []SKU) {
	if len(c.entries) >= c.limit {
		c.invalidate()
	}
	c.entries[tag] = skus
}

// invalidate forgets every cached lookup.
func (c *lookupCache) invalidate() {
	for tag := range c.entries {
		delete(c.entries, tag)
	}
}
