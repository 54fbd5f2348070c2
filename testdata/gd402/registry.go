package gd402

import (
	"strconv"
	"strings"
	"sync"
)

// A package-level memo behind an RWMutex.
var (
	codecMu sync.RWMutex
	codecs  = map[string]string{"gzip": "gzip", "br": "brotli"}
)

// CodecFor memoizes the normalized name under the read lock.
func CodecFor(name string) string {
	codecMu.RLock()
	defer codecMu.RUnlock()
	c, ok := codecs[name]
	if !ok {
		c = strings.ToLower(name)
		codecs[name] = c // want GD402 `RLock`
	}
	return c
}

func BadCodecMemo() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			CodecFor("X-" + strconv.Itoa(i))
		}
	}()
	for i := 0; i < 1000; i++ {
		name := "Y-" + strconv.Itoa(i)
		codecMu.RLock()
		if _, ok := codecs[name]; !ok {
			codecs[name] = strings.ToLower(name) // want GD402 `RLock`
		}
		codecMu.RUnlock()
	}
	<-done
}

// A package function reached from a read-locked region.
var (
	userMu sync.RWMutex
	users  = map[string]string{"1": "root"}
)

func remember(id, name string) string {
	users[id] = name
	return name
}

func LookupUser(id string) string {
	userMu.RLock()
	defer userMu.RUnlock()
	if u, ok := users[id]; ok {
		return u
	}
	return remember(id, "guest") // want GD402 `RLock`
}

// AddUser holds the write lock around the same helper: not reported.
func AddUser(id, name string) {
	userMu.Lock()
	defer userMu.Unlock()
	remember(id, name)
}

func BadGuestUsers() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			LookupUser("a" + strconv.Itoa(i))
		}
	}()
	userMu.RLock()
	for i := 0; i < 1000; i++ {
		remember("b"+strconv.Itoa(i), "guest") // want GD402 `RLock`
	}
	userMu.RUnlock()
	<-done
}

// A registry that counts misses under the read lock.
type Resolver struct {
	mu     sync.RWMutex
	addrs  map[string]string
	misses map[string]int
}

func NewResolver() *Resolver {
	return &Resolver{addrs: map[string]string{}, misses: map[string]int{}}
}

func (r *Resolver) Resolve(name string) string {
	r.mu.RLock()
	addr, ok := r.addrs[name]
	if !ok {
		addr = "unknown"
		r.misses[name] += 1 // want GD402 `RLock`
	}
	r.mu.RUnlock()
	return addr
}

// An embedded RWMutex: s.RLock() is the read lock of s.
type RouteStats struct {
	sync.RWMutex
	byRoute map[string]int
}

func NewRouteStats() *RouteStats { return &RouteStats{byRoute: map[string]int{}} }

func (s *RouteStats) Observe(route string) {
	s.RLock()
	defer s.RUnlock()
	s.byRoute[route]++ // want GD402 `RLock`
}

func BadRouteStats() {
	s := NewRouteStats()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			s.Observe("/api")
		}
	}()
	for i := 0; i < 1000; i++ {
		s.RLock()
		s.byRoute["/health"]++ // want GD402 `RLock`
		s.RUnlock()
	}
	<-done
}
