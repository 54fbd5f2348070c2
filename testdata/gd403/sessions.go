package gd403

import (
	"net/http"
	"sort"
	"sync"
	"time"
)

// SessionStore: the sessions map is guarded by mu, the stats map by statsMu.
type SessionStore struct {
	mu       sync.Mutex
	sessions map[string]time.Time
	statsMu  sync.Mutex
	logins   map[string]int
}

func NewSessionStore() *SessionStore {
	return &SessionStore{sessions: map[string]time.Time{}, logins: map[string]int{}}
}

func (s *SessionStore) Touch(id string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[id] = now
}

func (s *SessionStore) Logout(id string) {
	s.mu.Lock()
	delete(s.sessions, id)
	s.mu.Unlock()
}

func (s *SessionStore) RecordLogin(user string) {
	s.statsMu.Lock()
	s.logins[user]++
	s.statsMu.Unlock()
}

func (s *SessionStore) ForgetUser(user string) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	delete(s.logins, user)
}

// Expire holds mu while it ranges and deletes expired sessions.
func (s *SessionStore) Expire(now time.Time, ttl time.Duration) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, seen := range s.sessions {
		if now.Sub(seen) > ttl {
			delete(s.sessions, id)
			n++
		}
	}
	return n
}

// Holds the stats lock, not the sessions lock.
func (s *SessionStore) ActiveIDs() []string {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	var ids []string
	for id := range s.sessions { // want GD403 `without s\.mu, .* take s\.mu\.Lock around`
		ids = append(ids, id)
	}
	return ids
}

// Holds the sessions lock, not the stats lock.
func (s *SessionStore) TopUsers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var users []string
	for u := range s.logins { // want GD403 `without .*statsMu`
		users = append(users, u)
	}
	sort.Strings(users)
	return users
}

// Unexported, but one of its call sites does not hold mu.
func (s *SessionStore) oldest() time.Time {
	var t time.Time
	for _, seen := range s.sessions { // want GD403 `without .*mu`
		if t.IsZero() || seen.Before(t) {
			t = seen
		}
	}
	return t
}

func (s *SessionStore) Oldest() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.oldest()
}

func (s *SessionStore) Report() string {
	return "oldest session: " + s.oldest().String()
}

// --- Not reported. ---

// The right lock for each field.
func (s *SessionStore) LoginCount() int {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	n := 0
	for _, c := range s.logins {
		n += c
	}
	return n
}

// An embedded RWMutex held for reading.
type Tenants struct {
	sync.RWMutex
	byID map[string]string
}

func (t *Tenants) Add(id, name string) {
	t.Lock()
	defer t.Unlock()
	t.byID[id] = name
}

func (t *Tenants) Remove(id string) {
	t.Lock()
	delete(t.byID, id)
	t.Unlock()
}

func (t *Tenants) Names() []string {
	t.RLock()
	defer t.RUnlock()
	names := make([]string, 0, len(t.byID))
	for _, n := range t.byID {
		names = append(names, n)
	}
	return names
}

// Router registers routes during setup, before serving, without a lock; the
// mutex guards only the hit counts. The routes are never written under mu,
// so ranging over them without it is not reported.
type Router struct {
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
}

func NewRouter() *Router {
	return &Router{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
}

// Handle must be called before the router serves.
func (rt *Router) Handle(pattern string, h http.HandlerFunc) {
	rt.routes[pattern] = h
}

func (rt *Router) Alias(from, to string) {
	rt.routes[from] = rt.routes[to]
}

func (rt *Router) Patterns() []string {
	var ps []string
	for p := range rt.routes {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

func (rt *Router) Hit(pattern string) {
	rt.mu.Lock()
	rt.hits[pattern]++
	rt.mu.Unlock()
}

func (rt *Router) Miss(pattern string) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.hits["!"+pattern]++
}

func (rt *Router) HitTotal() int {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	n := 0
	for _, c := range rt.hits {
		n += c
	}
	return n
}

// A map field of a struct type from another package (http.Request.Header).
func headerNames(r *http.Request) []string {
	var names []string
	for k := range r.Header {
		names = append(names, k)
	}
	return names
}

// A local map built from a method's result.
func RouteCount(rt *Router) int {
	byLen := map[int]int{}
	for _, p := range rt.Patterns() {
		byLen[len(p)]++
	}
	n := 0
	for _, c := range byLen {
		n += c
	}
	return n + len(headerNames(&http.Request{Header: http.Header{}}))
}
