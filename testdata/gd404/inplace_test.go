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
