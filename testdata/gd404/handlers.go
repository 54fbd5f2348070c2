// Package gd404 is the contract for rule GD404 (handler-map-write).
//
// A finding is reported on a map write (m[k] = v, op=, ++, --) or a
// delete(m, k) in an HTTP handler, with no write lock held, when the map is
// a package-level variable or a map field of the handler's receiver.
// Handlers are functions and method values passed to http.HandleFunc or
// (*http.ServeMux).HandleFunc or converted with http.HandlerFunc(...), func
// literals passed to those, and ServeHTTP(http.ResponseWriter,
// *http.Request) methods. net/http serves each connection on its own
// goroutine, so a handler runs concurrently with itself.
//
// Runnable contract: every exported function with no parameters and no
// results whose name starts with Bad, run alone in a program built with
// -race, makes the race detector report a data race (or the runtime stop
// with "concurrent map writes") and holds a flagged line; every such
// function starting with Good runs clean under -race and returns quickly.
// They call the handlers from several goroutines with net/http/httptest,
// without a network.
package gd404

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// serve calls h from one goroutine per path, n requests each, and waits.
func serve(h http.Handler, n int, paths ...string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		req := httptest.NewRequest(http.MethodGet, p, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		}()
	}
	wg.Wait()
}

// serveDistinct is serve with a different URL for every request,
// prefix+"0", prefix+"1", ...; the requests are made before the goroutines
// start.
func serveDistinct(h http.Handler, n int, prefixes ...string) {
	var wg sync.WaitGroup
	for _, p := range prefixes {
		reqs := make([]*http.Request, n)
		for i := range reqs {
			reqs[i] = httptest.NewRequest(http.MethodGet, p+strconv.Itoa(i), nil)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, req := range reqs {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		}()
	}
	wg.Wait()
}

// Package-level maps written by handlers.
var (
	visits        = map[string]int{}
	byMethod      = map[string]int64{}
	lastSeen      = map[string]time.Time{}
	tokens        = map[string]string{}
	flags         = map[string]string{}
	pageCacheMu   sync.RWMutex
	pageCache     = map[string]string{}
	staticVisits  = map[string]int{}
	downloadCount = map[string]int{}
)

// A func literal registered with (*http.ServeMux).HandleFunc.
func BadVisitCounter() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		visits[r.URL.Path]++ // want GD404 `handler`
		fmt.Fprintln(w, "ok")
	})
	serve(mux, 100, "/a", "/b")
}

// A func literal converted with http.HandlerFunc; a compound assignment.
func BadMethodMetrics() {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		byMethod[r.Method] += 1 // want GD404 `handler`
		w.WriteHeader(http.StatusNoContent)
	})
	serve(h, 100, "/x", "/y")
}

// A plain assignment keyed by client address.
func BadLastSeen() {
	mux := http.NewServeMux()
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		lastSeen[r.URL.Query().Get("client")] = time.Now() // want GD404 `handler`
	})
	serve(mux, 100, "/ping?client=a", "/ping?client=b")
}

// Login writes and logout deletes the same package map.
func BadLoginLogout() {
	mux := http.NewServeMux()
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		user := r.URL.Query().Get("user")
		tokens["tok-"+user] = user // want GD404 `handler`
	})
	mux.HandleFunc("/logout", func(w http.ResponseWriter, r *http.Request) {
		delete(tokens, r.URL.Query().Get("token")) // want GD404 `handler`
	})
	serve(mux, 100, "/login?user=ann", "/logout?token=tok-ann", "/login?user=bob")
}

// A read lock is not a write lock (GD402 reports the same line).
func BadCacheFillUnderRLock() {
	mux := http.NewServeMux()
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		pageCacheMu.RLock()
		defer pageCacheMu.RUnlock()
		body, ok := pageCache[r.URL.Path]
		if !ok {
			body = strings.ToUpper(r.URL.Path)
			pageCache[r.URL.Path] = body // want GD404 `handler` GD402 `RLock`
		}
		// Not fmt: its printer pool hands state from one goroutine to the next, and the race
		// detector takes that for synchronisation when the goroutines happen to run one by one.
		io.WriteString(w, body)
	})
	serveDistinct(mux, 500, "/page/a/", "/page/b/", "/page/c/", "/page/d/")
}

// A named function registered on the default mux.
func handleStatic(w http.ResponseWriter, r *http.Request) {
	staticVisits[r.URL.Path]++ // want GD404 `handler`
	http.NotFound(w, r)
}

// A literal registered on the default mux.
func RegisterDefault() {
	http.HandleFunc("/static/", handleStatic)
	http.HandleFunc("/debug/flags", func(w http.ResponseWriter, r *http.Request) {
		flags[r.URL.Query().Get("name")] = r.URL.Query().Get("value") // want GD404 `handler`
	})
	http.Handle("/download", http.HandlerFunc(countDownload))
}

// A named function converted with http.HandlerFunc.
func countDownload(w http.ResponseWriter, r *http.Request) {
	downloadCount[r.URL.Query().Get("file")]++ // want GD404 `handler`
}
