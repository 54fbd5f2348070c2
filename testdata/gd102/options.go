package gd102

// A constructor that makes the field only when an option asks (issue 17 item 5: a construction
// leaves the field nil on the path taken): the writes the option does not guard panic.
type store struct {
	name  string
	cache map[string][]byte
}

func newStore(name string, withCache bool) *store {
	s := &store{name: name}
	if withCache {
		s.cache = make(map[string][]byte)
	}
	return s
}

func (s *store) remember(k string, v []byte) {
	s.cache[k] = v // want GD102 `leaves cache nil unless withCache \(newStore makes it only then, line 12\)`
}

// Not reported: the value keeps the option, so its writers can test it (and do).
type mirror struct {
	useIndex bool
	index    map[string]int
}

func newMirror(useIndex bool) *mirror {
	m := &mirror{useIndex: useIndex}
	if useIndex {
		m.index = map[string]int{}
	}
	return m
}

func (m *mirror) note(k string) {
	if !m.useIndex {
		return
	}
	m.index[k]++
}

// Not reported: the condition is about the value's state, not an option of the call (rclone's
// FTP driver makes userPass when its proxy is on, and writes it under the same test).
type driver struct {
	proxy    *proxyConf
	userPass map[string]string
}

type proxyConf struct{ on bool }

func (p *proxyConf) IsProxy() bool { return p != nil && p.on }

func newDriver(p *proxyConf) *driver {
	d := &driver{proxy: p}
	if d.proxy.IsProxy() {
		d.userPass = make(map[string]string)
	}
	return d
}

func (d *driver) login(user, pass string) {
	if d.proxy.IsProxy() {
		d.userPass[user] = pass
	}
}

var _, _, _ = newStore, newMirror, newDriver
