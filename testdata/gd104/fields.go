package gd104

import "net/http"

type options struct{ cache bool }

// Returns nil when caching is off: the field is then nil.
func newCache(o options) map[string][]byte {
	if !o.cache {
		return nil
	}
	return make(map[string][]byte)
}

type client struct{ cache map[string][]byte }

func BadCacheOff() {
	c := &client{}
	c.cache = newCache(options{})
	c.cache["/"] = nil // want GD104 `c\.cache comes from newCache`
}

func GoodCacheOn() {
	c := &client{}
	c.cache = newCache(options{cache: true})
	if c.cache != nil {
		c.cache["/"] = nil
	}
}

// A method that writes its map receiver (http.Header.Set) on a nil Header panics too.
func defaultHeaders(api bool) http.Header {
	if !api {
		return nil
	}
	return http.Header{"Accept": {"application/json"}}
}

func BadHeaders() {
	h := defaultHeaders(false)
	h.Set("User-Agent", "gd104") // want GD104 `h comes from defaultHeaders`
}
