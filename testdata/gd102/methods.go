package gd102

// Unguarded writes to map fields that a construction leaves nil.

func (r *Registry) Register(name string, h func()) {
	r.order = append(r.order, name)
	r.handlers[name] = h // want GD102 `^(?=.*ctor\.go:\d+).*leaves handlers nil`
}

// Value receivers share the map with the caller; the write still panics.
func (c Counter) Inc(k string) {
	c.counts[k]++ // want GD102 `leaves counts nil`
}

func (c Counter) Add(k string, n int) {
	c.counts[k] += n // want GD102 `leaves counts nil`
}

func (c *Counter) Dec(k string) {
	c.name = "changed"
	c.counts[k]-- // want GD102 `leaves counts nil`
}

// A write inside a loop.
func (c *Counter) IncAll(keys []string) {
	for _, k := range keys {
		c.counts[k]++ // want GD102 `leaves counts nil`
	}
}

// Writes in switch cases.
func (p *Pool) Mark(id int, used bool) {
	switch {
	case used:
		p.free[id] = false // want GD102 `leaves free nil`
	default:
		p.free[id] = true // want GD102 `leaves free nil`
	}
}

// A field promoted from an embedded struct.
func (n *Node) Label(k, v string) {
	n.labels[k] = v // want GD102 `leaves labels nil`
}

// A plain function with a pointer parameter.
func tag(d *Doc, k string) {
	if d.title == "" {
		return
	}
	d.tags[k] = true // want GD102 `leaves tags nil`
}

// A field of a named map type.
func (g *Group) Join(name string) {
	g.members[name] = struct{}{} // want GD102 `leaves members nil`
}

// append into a slice stored in the map.
func (g *Group) Log(name, event string) {
	g.history[name] = append(g.history[name], event) // want GD102 `leaves history nil`
}

// One target of a multi-assignment.
func (r *Registry) replace(name string, h func()) (old func()) {
	old, r.handlers[name] = r.handlers[name], h // want GD102 `leaves handlers nil`
	return old
}

// A generic struct.
func (c *Cache[K, V]) Put(k K, v V) {
	c.hits = 0
	c.items[k] = v // want GD102 `leaves items nil`
}

// A nil comparison in another method is not lazy init and does not guard Put.
func (b *Inbox) Empty() bool { return b.msgs == nil }

func (b *Inbox) Put(id int, s string) {
	b.msgs[id] = s // want GD102 `leaves msgs nil`
}
