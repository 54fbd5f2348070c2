package gd403

import "sync"

// A helper whose name starts with an underscore is unexported like any lower-case name (rclone's
// transfer map): every caller holds mu, so its range is covered.
type Transfers struct {
	mu    sync.RWMutex
	items map[string]int
}

func (t *Transfers) Add(k string) { t.mu.Lock(); t.items[k] = 1; t.mu.Unlock() }
func (t *Transfers) Del(k string) { t.mu.Lock(); delete(t.items, k); t.mu.Unlock() }

// Call with mu.RLock held.
func (t *Transfers) _sum() (s int) {
	for _, v := range t.items {
		s += v
	}
	return
}

func (t *Transfers) Sum() int { t.mu.RLock(); defer t.mu.RUnlock(); return t._sum() }

// Every writer holds both mtx (taken by its caller) and targetMtx (Prometheus's scrape pool):
// a range holding either one keeps the writers out.
type ScrapePool struct {
	mtx, targetMtx sync.Mutex
	loops          map[int]int
}

// Must be called with p.mtx held.
func (p *ScrapePool) add(k int) {
	p.targetMtx.Lock()
	p.loops[k] = 1
	p.targetMtx.Unlock()
}

func (p *ScrapePool) Add(k int) { p.mtx.Lock(); defer p.mtx.Unlock(); p.add(k) }

func (p *ScrapePool) Del(k int) {
	p.mtx.Lock()
	defer p.mtx.Unlock()
	p.targetMtx.Lock()
	delete(p.loops, k)
	p.targetMtx.Unlock()
}

func (p *ScrapePool) Count() (n int) {
	p.mtx.Lock()
	defer p.mtx.Unlock()
	for range p.loops {
		n++
	}
	return
}

// Still reported: holding neither.
func (p *ScrapePool) Peek() (n int) {
	for range p.loops { // want GD403 `without p\.mtx, .* take p\.mtx\.Lock around`
		n++
	}
	return
}

// Helpers whose doc comment says the caller holds the lock (NATS's forEachRoute): the author's
// word covers callers the package cannot show (a function value, another package).
type RouteTable struct {
	mu     sync.Mutex
	routes map[string]int
}

func (r *RouteTable) Add(k string) { r.mu.Lock(); r.routes[k]++; r.mu.Unlock() }
func (r *RouteTable) Del(k string) { r.mu.Lock(); delete(r.routes, k); r.mu.Unlock() }

// forEachRoute calls f for every route.
// Server lock is held on entry.
func (r *RouteTable) forEachRoute(f func(string)) {
	for k := range r.routes {
		f(k)
	}
}

var RouteVisitor = (*RouteTable).forEachRoute

// Still reported: the comment says the opposite.
// It does not hold the lock; it runs without mu.
func (r *RouteTable) dump(f func(string)) {
	for k := range r.routes { // want GD403 `without r\.mu`
		f(k)
	}
}

var RouteDumper = (*RouteTable).dump

// The caller holds the lock of a value it passes as an argument (syncthing's NAT service): the
// callee's parameter has that lock held at entry.
type Mapping struct {
	mut   sync.Mutex
	addrs map[string]int
}

func (m *Mapping) set(id string, n int) { m.mut.Lock(); m.addrs[id] = n; m.mut.Unlock() }
func (m *Mapping) drop(id string)       { m.mut.Lock(); delete(m.addrs, id); m.mut.Unlock() }

type NATService struct{ renewals int }

func (s *NATService) verifyExisting(mapping *Mapping) (n int) {
	for range mapping.addrs {
		n++
	}
	return n + s.renewals
}

func (s *NATService) Renew(mapping *Mapping) int {
	mapping.mut.Lock()
	defer mapping.mut.Unlock()
	return s.verifyExisting(mapping)
}

// Still reported: one caller passes a mapping whose lock it does not hold.
func (s *NATService) count(mapping *Mapping) (n int) {
	for range mapping.addrs { // want GD403 `without mapping\.mut`
		n++
	}
	return n
}

func (s *NATService) Count(a, b *Mapping) int {
	a.mut.Lock()
	defer a.mut.Unlock()
	return s.count(a) + s.count(b)
}

// A pointer to a plain Mutex (Caddy's TLS app): the advice is Lock, there is no RLock.
type TLSApp struct {
	namesMu *sync.Mutex
	names   map[string]bool
}

func (t *TLSApp) Register(n string) { t.namesMu.Lock(); t.names[n] = true; t.namesMu.Unlock() }
func (t *TLSApp) Forget(n string)   { t.namesMu.Lock(); delete(t.names, n); t.namesMu.Unlock() }

func (t *TLSApp) Publish() (n int) {
	for range t.names { // want GD403 `take t\.namesMu\.Lock around`
		n++
	}
	return n
}

// A callback handed to a helper of the package that locks around it (database/sql's withLock):
// the range runs under the helper's lock.
type driverConn struct {
	sync.Mutex
	openStmt map[int]bool
}

func withLock(lk sync.Locker, fn func()) {
	lk.Lock()
	defer lk.Unlock()
	fn()
}

func (dc *driverConn) add(id int)    { dc.Lock(); dc.openStmt[id] = true; dc.Unlock() }
func (dc *driverConn) remove(id int) { dc.Lock(); delete(dc.openStmt, id); dc.Unlock() }

func (dc *driverConn) finalClose() (ids []int) {
	withLock(dc, func() {
		for id := range dc.openStmt {
			ids = append(ids, id)
		}
		dc.openStmt = nil
	})
	return ids
}

var _ = (*driverConn).finalClose

// A local closure called only in place, under the enclosing function's lock (tailscale's
// routemanager snapshotAll): its range is covered.
type Routes struct {
	mu    sync.Mutex
	peers map[int]string
}

func (r *Routes) Put(id int, s string) { r.mu.Lock(); r.peers[id] = s; r.mu.Unlock() }
func (r *Routes) Del(id int)           { r.mu.Lock(); delete(r.peers, id); r.mu.Unlock() }

func (r *Routes) Commit() (n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	countAll := func() {
		for range r.peers {
			n++
		}
	}
	countAll()
	if n == 0 {
		countAll()
	}
	return n
}

// Called once after the Unlock: not covered.
func (r *Routes) CommitLoose() (n int) {
	countAll := func() {
		for range r.peers { // want GD403 `without r\.mu`
			n++
		}
	}
	r.mu.Lock()
	countAll()
	r.mu.Unlock()
	countAll()
	return n
}

// Handed on: who calls it, and under what, is not known here.
func (r *Routes) CommitLater() func() int {
	n := 0
	countAll := func() {
		for range r.peers { // want GD403 `without r\.mu`
			n++
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	countAll()
	return func() int { countAll(); return n }
}

// Prometheus's scrape pool: every writer of clients holds mtx, taken by its callers, and
// targetMtx. A test calls sync without mtx, which says nothing about the program's locks, and
// checkTable, reached through a function value, says in its doc comment that p.mtx is held.
type TargetPool struct {
	mtx, targetMtx sync.Mutex
	clients        map[string]int
}

func (p *TargetPool) clientFor(k string) int {
	p.targetMtx.Lock()
	defer p.targetMtx.Unlock()
	p.clients[k]++
	return p.clients[k]
}

func (p *TargetPool) sync(keys []string) {
	for _, k := range keys {
		p.clientFor(k)
	}
}

// Must be called with p.mtx held.
func (p *TargetPool) checkTable() {
	p.targetMtx.Lock()
	defer p.targetMtx.Unlock()
	if len(p.clients) > 100 {
		p.clients = map[string]int{}
	}
	p.clients["check"]++
}

func (p *TargetPool) Sync(keys []string) {
	p.mtx.Lock()
	defer p.mtx.Unlock()
	p.sync(keys)
	check := p.checkTable
	check()
}

func (p *TargetPool) Stop() (n int) {
	p.mtx.Lock()
	defer p.mtx.Unlock()
	for range p.clients {
		n++
	}
	return n
}
