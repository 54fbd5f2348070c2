package gd404

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The handler is only ever called in place, on the test's goroutine (jaeger's header-forwarding
// test): no server runs it, so nothing is concurrent.
func TestForwardsHeader(t *testing.T) {
	got := map[string]string{}
	h := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got["x"] = r.Header.Get("x")
	})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if got["x"] != "" {
		t.Fatal(got)
	}
}

// Still reported: the same handler given to a test server, which serves requests concurrently.
func TestServedHeader(t *testing.T) {
	got := map[string]string{}
	h := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got["x"] = r.Header.Get("x") // want GD404 `HTTP handler writes shared map got`
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

// A middleware wraps the handler, and the wrapper is only called in place (jaeger's
// HTTPServerMiddleware test, traefik's snippet.New): the middleware calls the inner handler from
// its own ServeHTTP, on the test's goroutine.
func withHeader(name string, next http.Handler) (http.Handler, error) {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set(name, "1")
		next.ServeHTTP(w, r)
	}), nil
}

func TestWrappedInPlace(t *testing.T) {
	got := map[string]string{}
	inner := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got["x"] = r.Header.Get("x")
	})
	h, err := withHeader("x", inner)
	if err != nil {
		t.Fatal(err)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

// Still reported: the wrapper goes to a test server.
func TestWrappedServed(t *testing.T) {
	got := map[string]string{}
	inner := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got["x"] = r.Header.Get("x") // want GD404 `HTTP handler writes shared map got`
	})
	h, err := withHeader("x", inner)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
}
