package gd202

// The map is keyed by a field of its value: an insert elsewhere in the package stores each
// subscription under string(sub.sid), so inside the range, string(sub.sid) is the current key
// (nats-server's route.subs). Deleting it is deleting the current entry.
type subscription struct {
	sid     []byte
	subject string
}

type route struct{ subs map[string]*subscription }

func (r *route) add(sub *subscription) {
	key := string(sub.sid)
	if r.subs[key] == nil {
		r.subs[key] = sub
	}
}

func (r *route) dropExported(canExport func(string) bool) []*subscription {
	var dropped []*subscription
	for key, sub := range r.subs {
		_ = key
		if !canExport(sub.subject) {
			delete(r.subs, string(sub.sid))
			dropped = append(dropped, sub)
		}
	}
	return dropped
}

// Entries are slices of records built with Name set to the key (minio's local locker): the
// record's Name, reached through the range value, is the current key.
type lockInfo struct {
	Name  string
	Owner string
	Age   int
}

type locker struct{ lockMap map[string][]lockInfo }

func (l *locker) lock(resource, owner string) {
	l.lockMap[resource] = []lockInfo{{Name: resource, Owner: owner}}
}

func (l *locker) expire(limit int) {
	for name, infos := range l.lockMap {
		_ = name
		for i := range infos {
			info := &infos[i]
			if info.Age > limit {
				delete(l.lockMap, info.Name)
				break
			}
		}
	}
}

// Still reported: the value's Parent is another entry's key; no insert stores a record under
// its own Parent.
type node struct {
	ID     string
	Parent string
}

type tree struct{ nodes map[string]node }

func (t *tree) put(n node) { t.nodes[n.ID] = n }

func (t *tree) pruneParents() {
	for id, n := range t.nodes {
		if id == "" {
			continue
		}
		if n.Parent != "" {
			delete(t.nodes, n.Parent) // want GD202 `removes another key`
		}
	}
}
