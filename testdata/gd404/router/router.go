// Package router stands for a third-party router (gorilla/mux, chi): handlers registered on it
// are served like net/http's, one goroutine per connection.
package router

import "net/http"

type Router struct{ mux *http.ServeMux }

type Route struct{ pattern string }

func New() *Router { return &Router{mux: http.NewServeMux()} }

func (r *Router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) *Route {
	r.mux.HandleFunc(pattern, f)
	return &Route{pattern: pattern}
}

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }

// Bus is an event bus whose Handle looks like a router's but calls handlers in order.
type Bus struct{ handlers map[string][]func(string) }

func NewBus() *Bus { return &Bus{handlers: map[string][]func(string){}} }

func (b *Bus) Handle(topic string, f func(string)) { b.handlers[topic] = append(b.handlers[topic], f) }

func (b *Bus) Publish(topic, event string) {
	for _, f := range b.handlers[topic] {
		f(event)
	}
}
