package gd404

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Legal look-alikes. Nothing in this file may be reported.

var (
	hitsMu sync.Mutex
	hits   = map[string]int{}

	prefsMu sync.RWMutex
	prefs   = map[string]string{}

	seenPaths sync.Map
)

// A package map written under a mutex.
func GoodLockedCounter() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hitsMu.Lock()
		hits[r.URL.Path]++
		hitsMu.Unlock()
	})
	serve(mux, 50, "/a", "/b")
}

// The write lock of an RWMutex with a deferred unlock; reads under RLock.
func GoodPrefs() {
	mux := http.NewServeMux()
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		prefsMu.Lock()
		defer prefsMu.Unlock()
		prefs[r.URL.Query().Get("k")] = r.URL.Query().Get("v")
		if r.URL.Query().Get("v") == "" {
			delete(prefs, r.URL.Query().Get("k"))
		}
	})
	mux.HandleFunc("/get", func(w http.ResponseWriter, r *http.Request) {
		prefsMu.RLock()
		defer prefsMu.RUnlock()
		fmt.Fprint(w, prefs[r.URL.Query().Get("k")])
	})
	serve(mux, 50, "/set?k=theme&v=dark", "/get?k=theme", "/set?k=theme&v=")
}

// sync.Map.
func GoodSyncMap() {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seenPaths.Store(r.URL.Path, true)
		seenPaths.Delete(r.URL.Path + "/old")
	})
	serve(h, 50, "/a", "/b")
}

// A map made inside the handler for this request.
func wordCount(w http.ResponseWriter, r *http.Request) {
	counts := map[string]int{}
	for _, word := range strings.Fields(r.URL.Query().Get("text")) {
		counts[word]++
	}
	delete(counts, "the")
	json.NewEncoder(w).Encode(counts)
}

func GoodRequestLocalMap() {
	mux := http.NewServeMux()
	mux.HandleFunc("/count", wordCount)
	serve(mux, 50, "/count?text=the+cat+the+hat", "/count?text=a+b")
}

// A per-request struct holding maps.
type signupForm struct {
	fields map[string]string
	errors map[string]string
}

func signup(w http.ResponseWriter, r *http.Request) {
	f := &signupForm{fields: map[string]string{}, errors: map[string]string{}}
	f.fields["email"] = r.URL.Query().Get("email")
	if f.fields["email"] == "" {
		f.errors["email"] = "required"
	}
	if len(f.errors) > 0 {
		http.Error(w, "invalid", http.StatusBadRequest)
	}
}

// The response's header map belongs to this request.
func withRequestID(w http.ResponseWriter, r *http.Request) {
	w.Header()["X-Request-Id"] = []string{r.URL.Query().Get("id")}
	w.WriteHeader(http.StatusNoContent)
}

func GoodPerRequestState() {
	mux := http.NewServeMux()
	mux.HandleFunc("/signup", signup)
	mux.Handle("/id", http.HandlerFunc(withRequestID))
	serve(mux, 50, "/signup?email=a@b.c", "/signup", "/id?id=7")
}

// ServeHTTP on a type that embeds its mutex.
type VisitLog struct {
	sync.Mutex
	paths map[string]int
}

func (v *VisitLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.Lock()
	defer v.Unlock()
	v.paths[r.URL.Path]++
}

func GoodEmbeddedMutexHandler() {
	serve(&VisitLog{paths: map[string]int{}}, 50, "/a", "/b")
}

// Methods registered as handlers that lock the receiver's map.
type Store struct {
	mu    sync.Mutex
	items map[string]string
}

func (s *Store) put(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[r.URL.Query().Get("k")] = r.URL.Query().Get("v")
}

func (s *Store) del(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	delete(s.items, r.URL.Query().Get("k"))
	s.mu.Unlock()
}

func GoodLockedMethods() {
	s := &Store{items: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/put", s.put)
	mux.HandleFunc("/del", s.del)
	serve(mux, 50, "/put?k=a&v=1", "/del?k=a")
}

// Handlers send events to one goroutine that owns the map; reads go through
// the same goroutine.
type Aggregator struct {
	events chan string
	query  chan chan map[string]int
	quit   chan struct{}
	counts map[string]int
}

func NewAggregator() *Aggregator {
	a := &Aggregator{
		events: make(chan string),
		query:  make(chan chan map[string]int),
		quit:   make(chan struct{}),
		counts: map[string]int{},
	}
	go a.run()
	return a
}

func (a *Aggregator) run() {
	for {
		select {
		case e := <-a.events:
			a.counts[e]++
		case reply := <-a.query:
			cp := make(map[string]int, len(a.counts))
			for k, v := range a.counts {
				cp[k] = v
			}
			reply <- cp
		case <-a.quit:
			return
		}
	}
}

func (a *Aggregator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.events <- r.URL.Path
}

func (a *Aggregator) Snapshot() map[string]int {
	reply := make(chan map[string]int)
	a.query <- reply
	return <-reply
}

func GoodChannelAggregator() {
	a := NewAggregator()
	serve(a, 50, "/a", "/b")
	_ = a.Snapshot()
	close(a.quit)
}

// Copy-on-write configuration: the handler builds a new map and swaps the
// pointer; no map is ever written after it is published.
type Config struct {
	mu      sync.Mutex
	current atomic.Pointer[map[string]string]
}

func (c *Config) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		fmt.Fprint(w, (*c.current.Load())[r.URL.Query().Get("k")])
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.current.Load()
	next := make(map[string]string, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[r.URL.Query().Get("k")] = r.URL.Query().Get("v")
	c.current.Store(&next)
}

func GoodCopyOnWrite() {
	c := &Config{}
	initial := map[string]string{"mode": "fast"}
	c.current.Store(&initial)
	serve(c, 50, "/?k=mode", "/?k=mode")
}
