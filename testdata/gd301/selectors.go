package gd301

// Flagged loops whose map operand is not a plain identifier: selectors,
// pointer indirection, parentheses and index expressions whose index is a
// constant or an identifier. No function call appears in any of them.

type index struct {
	byName map[string]int
	byID   map[int]string
}

type Registry struct {
	idx     index
	inner   *index
	tags    map[string][]string
	shards  [4]map[string]int
	tenants map[string]map[string]int
	owners  []map[int]bool
}

const primaryShard = 0

func (r *Registry) ResetTags() {
	for tag := range r.tags { // want GD301 `clear\(r\.tags\)`
		delete(r.tags, tag)
	}
}

func (r *Registry) ResetNested() {
	for name := range r.idx.byName { // want GD301 `clear\(r\.idx\.byName\)`
		delete(r.idx.byName, name)
	}
	for id := range r.inner.byID { // want GD301 `clear\(r\.inner\.byID\)`
		delete(r.inner.byID, id)
	}
}

func resetThroughPointer(p *map[string]int) {
	for k := range *p { // want GD301 `clear\(\*p\)`
		delete(*p, k)
	}
}

// The delete operand is parenthesised; it is still the ranged map.
func resetParenthesised(p *map[string]int) {
	for k := range *p { // want GD301 `clear\(\(?\*p\)?\)`
		delete((*p), k)
	}
}

func (r *Registry) ResetShards() {
	for k := range r.shards[0] { // want GD301 `clear\(r\.shards\[0\]\)`
		delete(r.shards[0], k)
	}
	for k := range r.shards[primaryShard] { // want GD301 `clear\(r\.shards\[primaryShard\]\)`
		delete(r.shards[primaryShard], k)
	}
	for i := range r.shards {
		for k := range r.shards[i] { // want GD301 `clear\(r\.shards\[i\]\)`
			delete(r.shards[i], k)
		}
	}
}

func (r *Registry) ResetTenant() {
	for user := range r.tenants["default"] { // want GD301 `clear\(r\.tenants\["default"\]\)`
		delete(r.tenants["default"], user)
	}
}

func resetOwners(owners []map[int]bool) {
	for uid := range owners[0] { // want GD301 `clear\(owners\[0\]\)`
		delete(owners[0], uid)
	}
}

func resetLocalStruct() int {
	state := struct {
		pending map[string]bool
	}{pending: map[string]bool{"a": true}}
	for job := range state.pending { // want GD301 `clear\(state\.pending\)`
		delete(state.pending, job)
	}
	return len(state.pending)
}
