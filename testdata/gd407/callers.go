package gd407

// The callers, in another file of the package: each uses the map after the getter's unlock.

func countPorts(r *router) int {
	n := 0
	for _, port := range r.all() {
		n += port
	}
	return n
}

func hasRoute(r *router, path string) bool {
	routes := r.all()
	_, ok := routes[path]
	return ok
}

func portOf(r *router, path string) int {
	m, ok := r.lookupTable()
	if !ok {
		return 0
	}
	return m[path]
}

func expire(t *table, id int) {
	delete(t.current(), id)
}
