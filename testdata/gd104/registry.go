package gd104

// The callee is in another file of the package than its callers.
type registry struct {
	groups map[string]map[string]int
}

// Returns nil when the group is unknown, with no error to say so.
func (r *registry) group(name string) map[string]int {
	g, ok := r.groups[name]
	if !ok {
		return nil
	}
	return g
}
