package gd201

import "strings"

// Map expressions other than a plain variable: fields, pointers, named map
// types, generics; and nested loops.

type Route struct {
	Target string
	Hits   int
}

// Router keeps its routes in a map field; every construction makes it.
type Router struct {
	routes map[string]*Route
	hosts  map[string]string
}

func NewRouter() *Router {
	return &Router{routes: map[string]*Route{}, hosts: map[string]string{}}
}

// A field reached through a pointer receiver.
func (r *Router) AddTrailingSlash() {
	for path, rt := range r.routes {
		if !strings.HasSuffix(path, "/") {
			r.routes[path+"/"] = rt // want GD201 `may add a key`
		}
	}
}

// The range is over p.routes and the write goes through (*p).routes.
func addIndexPages(p *Router) {
	for path, rt := range p.routes {
		(*p).routes[path+"index.html"] = rt // want GD201 `may add a key`
	}
}

// The other way round.
func addUpper(p *Router) {
	for h, ip := range (*p).hosts {
		p.hosts[strings.ToUpper(h)] = ip // want GD201 `may add a key`
	}
}

// A pointer to a map.
func addWildcards(p *map[string]string) {
	for host, ip := range *p {
		(*p)["*."+host] = ip // want GD201 `may add a key`
	}
}

// A nested field path.
type Server struct {
	router *Router
	name   string
}

func (s *Server) mirror() {
	for h, ip := range s.router.hosts {
		s.router.hosts[s.name+"."+h] = ip // want GD201 `may add a key`
	}
}

// Set is a named map type.
type Set map[string]struct{}

func (s Set) AddPlurals() {
	for w := range s {
		s[w+"s"] = struct{}{} // want GD201 `may add a key`
	}
}

// A map parameter with type parameters.
func AddImages[K comparable, V any](m map[K]V, f func(K) K) {
	for k, v := range m {
		m[f(k)] = v // want GD201 `may add a key`
	}
}

// A map-typed type parameter.
func AddInverse[M ~map[K]K, K comparable](m M) {
	for k, v := range m {
		m[v] = k // want GD201 `may add a key`
	}
}

// The inner loop ranges over another map and writes its key into the outer
// map: another key for the outer loop.
func importHosts(primary map[string]string, extra map[string]string) {
	for host := range primary {
		for alias, ip := range extra {
			if alias != host {
				primary[alias] = ip // want GD201 `may add a key`
			}
		}
	}
}

// Nested loops over the same map: a and b are existing keys, a+b is not.
func pairUp(m map[string]int) {
	for a, x := range m {
		for b, y := range m {
			m[a] = x + y
			m[b] = x - y
			m[a+b] = x * y // want GD201 `may add a key`
		}
	}
}

// The range loop lives inside a func literal; the write is in the loop body
// itself, not in a nested literal.
func expander(m map[string]int) func() {
	return func() {
		for k, v := range m {
			m[k+k] = v // want GD201 `may add a key`
		}
	}
}

// A labeled loop; continue with the label keeps the loop going.
func addMissingParents(tree map[string]string) {
scan:
	for node, parent := range tree {
		if parent == "" || parent == node {
			continue scan
		}
		tree[parent] = "" // want GD201 `may add a key`
	}
}
