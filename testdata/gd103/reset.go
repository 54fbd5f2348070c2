package gd103

// The nil resets of (b). Each one is meant to empty the map, but leaves a nil
// map behind for every later write. The writes are in fields.go.

func (s *Session) Reset() {
	s.vals = nil
}

func resetRoutes() {
	routes = nil
}

func (c *Cache) Flush() {
	c.entries = nil
}

func (s *Stats) Clear() {
	s.m = nil
}

func (t *Tokens) RevokeAll() {
	t.byID = nil
}

func dropQuota() {
	quota = nil
}
