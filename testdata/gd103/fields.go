package gd103

// (b) A map field or package map set to nil in one function (reset.go) and
// written without a guard in another.

// Session is always built with its map; Reset sets it to nil.
type Session struct {
	id   int
	vals map[string]string
}

func NewSession(id int) *Session {
	return &Session{id: id, vals: map[string]string{}}
}

func (s *Session) Set(k, v string) {
	s.vals[k] = v // want GD103 `^(?=.*reset\.go:\d+).*set to nil`
}

// A plain function with a pointer parameter.
func record(s *Session, k string) {
	s.vals[k] = "seen" // want GD103 `set to nil`
}

func resetSession() *Session {
	s := NewSession(1)
	s.Reset()
	return s
}

func BadSessionAfterReset() {
	s := resetSession()
	s.vals["user"] = "ann" // want GD103 `set to nil`
}

// A package-level map with an initializer, set to nil by resetRoutes.
var routes = map[string]int{"/": 0}

func addRoute(path string, n int) {
	routes[path] = n // want GD103 `^(?=.*reset\.go:\d+).*set to nil`
}

func BadRoutesAfterReset() {
	resetRoutes()
	routes["/home"] = 1 // want GD103 `set to nil`
}

// A map field promoted from an embedded struct.
type cacheCore struct {
	entries map[string]int
}

type Cache struct {
	cacheCore
	hits int
}

func NewCache() *Cache {
	return &Cache{cacheCore: cacheCore{entries: map[string]int{}}}
}

func (c *Cache) Put(k string) {
	c.hits++
	c.entries[k]++ // want GD103 `set to nil`
}

func flushedCache() *Cache {
	c := NewCache()
	c.Flush()
	return c
}

func BadEmbeddedAfterFlush() {
	c := flushedCache()
	c.entries["a"] = 1 // want GD103 `set to nil`
}

// A value receiver writes the same map as the caller.
type Stats struct {
	m map[string]int
}

func NewStats() Stats {
	return Stats{m: map[string]int{}}
}

func (s Stats) Inc(k string) {
	s.m[k]++ // want GD103 `set to nil`
}

func clearedStats() Stats {
	s := NewStats()
	s.Clear()
	return s
}

func BadStatsAfterClear() {
	s := clearedStats()
	s.m["hits"] += 1 // want GD103 `set to nil`
}

// A nil comparison in another function is not lazy init: Revoked and
// quotaDropped only report the state, so the writes stay unguarded.
type Tokens struct {
	byID map[string]int
}

func NewTokens() *Tokens {
	return &Tokens{byID: map[string]int{}}
}

func (t *Tokens) Revoked() bool { return t.byID == nil }

func (t *Tokens) Issue(id string) {
	t.byID[id] = 1 // want GD103 `set to nil`
}

func revokedTokens() *Tokens {
	t := NewTokens()
	t.RevokeAll()
	return t
}

func BadTokensAfterRevokeAll() {
	t := revokedTokens()
	t.byID["x"] = 2 // want GD103 `set to nil`
}

var quota = map[string]int{}

func quotaDropped() bool { return quota == nil }

func BadQuotaAfterDrop() {
	dropQuota()
	quota["ann"] = 10 // want GD103 `set to nil`
}

// The caller checks some other map before calling: no guard for this one.
type ledger struct {
	names  map[string]bool
	totals map[string]int
}

func newLedger() *ledger {
	return &ledger{names: map[string]bool{}, totals: map[string]int{}}
}

func (l *ledger) rotate() { l.totals = nil }

func (l *ledger) add(k string) {
	l.totals[k]++ // want GD103 `set to nil`
}

func post(l *ledger, k string) {
	if l.names != nil {
		l.add(k)
	}
}
