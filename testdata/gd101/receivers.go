package gd101

import (
	"net/http"
	"net/textproto"
	"net/url"
)

// Methods that write into their receiver's map: a call on a nil map panics like m[k] = v.
// Standard ones (http.Header.Add and Set, url.Values.Add and Set, textproto.MIMEHeader.Add and
// Set: golint_delete/data/std_map_writers.json, generated from GOROOT) and the package's own
// methods on a named map type with a value receiver.

func BadNilHeaderAdd() {
	var h http.Header
	h.Add("Accept", "text/plain") // want GD101 `h\.Add writes into h, which is nil`
}

func BadNilValuesSet() {
	var q url.Values
	q.Set("page", "2") // want GD101 `q\.Set writes into q, which is nil`
}

func BadNilMIMEHeaderSet() {
	var mh textproto.MIMEHeader
	mh.Set("Content-Type", "text/plain") // want GD101 `mh\.Set writes into mh`
}

// Labels is a named map type of this package; Put writes the receiver as given.
type Labels map[string]string

func (l Labels) Put(k, v string) { l[k] = v }

// With makes its own map when the receiver is nil: safe on a nil Labels.
func (l Labels) With(k, v string) Labels {
	if l == nil {
		l = Labels{}
	}
	l[k] = v
	return l
}

func (l Labels) Get(k string) string { return l[k] }

func BadNilLabelsPut() {
	var l Labels
	l.Put("env", "prod") // want GD101 `l\.Put writes into l`
}

func GoodLabels() {
	var l Labels
	_ = l.Get("env")
	l = l.With("env", "prod")
	l.Put("tier", "web")
	h := http.Header{}
	h.Add("Accept", "text/plain")
	var none http.Header
	none.Del("Accept") // delete on a nil map is a no-op
	_ = none.Get("Accept")
}
