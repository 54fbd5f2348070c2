package gd201

import "maps"

// A call in the range body that writes the ranged map through the callee is an insert during
// the range like a write in the body: through the receiver, or a map parameter two calls deep.
type registry struct {
	byName  map[string]int
	aliases map[string]string
}

func (r *registry) add(name string, v int) { r.byName[name] = v }

func (r *registry) setAlias(name, alias string) { r.aliases[alias] = name }

func (r *registry) addAliases() {
	for name, v := range r.byName {
		r.add(name+"-alias", v) // want GD201 `\(\*registry\).add writes it \(line 12: r.byName\[name\]\)`
	}
}

func fillKey(m map[string]int, k string) { m[k] = 1 }

func fillBoth(m map[string]int, k string) {
	fillKey(m, k)
	fillKey(m, k+"-2")
}

func expand(m map[string]int) {
	for k := range m {
		fillBoth(m, k) // want GD201 `fillBoth writes it \(line 22: m\[k\]\)`
	}
}

// Silent: the callee stores under the caller's current key, an update of an existing entry.
func (r *registry) bump() {
	for name, v := range r.byName {
		r.add(name, v+1)
	}
}

func refill(m map[string]int) {
	for k := range m {
		fillKey(m, k)
	}
}

// Silent: the callee writes another map of the receiver.
func (r *registry) aliasAll() {
	for name := range r.byName {
		r.setAlias(name, "x-"+name)
	}
}

// Silent: the loop ranges over a copy, which the writes do not change.
func (r *registry) addAliasesToCopy() {
	for name, v := range maps.Clone(r.byName) {
		r.add(name+"-alias", v)
	}
}

// Silent: the loop stops right after the call.
func (r *registry) addFirstAlias() {
	for name, v := range r.byName {
		r.add(name+"-alias", v)
		break
	}
}
