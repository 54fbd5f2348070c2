package gd101

import "net/url"

// A map passed by pointer to a function that writes it through the pointer on every call
// (issue 17 item 3): an API client's options add themselves to a nil url.Values.
type QueryOption interface{ ApplyTo(q *url.Values) }

type pageOption struct{ page string }

func (p pageOption) ApplyTo(q *url.Values) { q.Set("page", p.page) }

func setLimit(q *url.Values, n string) { (*q)["limit"] = []string{n} }

func listURL(opts ...QueryOption) string {
	var query url.Values
	for _, o := range opts {
		o.ApplyTo(&query) // want GD101 `o\.ApplyTo writes into query, which is nil on every path here`
	}
	return "/items?" + query.Encode()
}

func limitURL(n string) string {
	var query url.Values
	setLimit(&query, n) // want GD101 `setLimit writes into query, which is nil on every path here`
	return "/items?" + query.Encode()
}

// Made first, or made by the callee itself: not reported.
func setDefault(q *url.Values) {
	if *q == nil {
		*q = url.Values{}
	}
	q.Set("sort", "name")
}

func madeURL(opts ...QueryOption) string {
	query := url.Values{}
	for _, o := range opts {
		o.ApplyTo(&query)
	}
	setDefault(&query)
	return "/items?" + query.Encode()
}

func defaultURL() string {
	var query url.Values
	setDefault(&query)
	return "/items?" + query.Encode()
}

func BadListURL() { _ = listURL(pageOption{page: "2"}) }

func BadLimitURL() { _ = limitURL("10") }

func GoodMadeURL() { _ = madeURL(pageOption{page: "2"}) + defaultURL() }
