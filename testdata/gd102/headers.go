package gd102

import "net/http"

// A request builder whose constructor leaves the header nil (the commonest real shape of the
// nil-map panic): Set on it writes into the nil map.
type request struct {
	method string
	header http.Header
}

func newRequest(method string) *request {
	return &request{method: method}
}

func (r *request) withAuth(token string) *request {
	r.header.Set("Authorization", "Bearer "+token) // want GD102 `r\.header\.Set writes into r\.header without a nil check, but request\{\.\.\.\} at .* leaves header nil`
	return r
}

func (r *request) accept() string { return r.header.Get("Accept") }

// The constructor makes it: not reported.
type response struct {
	code   int
	header http.Header
}

func newResponse(code int) *response {
	return &response{code: code, header: http.Header{}}
}

func (r *response) setType(t string) { r.header.Set("Content-Type", t) }
