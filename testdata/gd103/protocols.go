package gd103

import "sync"

// Resets the package's other functions cannot meet, each from real code (minio, tailscale, etcd,
// OpenTelemetry, NATS). None is reported; the look-alikes after each are.

// Only a shallow copy is reset: c := *j gives Signature its own value (minio's xl-storage meta).
type objMeta struct {
	meta map[string][]byte
	size int
}

func (j *objMeta) Signature() int {
	c := *j
	n := len(c.meta)
	c.meta = nil
	return n + c.size
}

func (j *objMeta) SetTier(t string) {
	j.meta["tier"] = []byte(t)
}

// Look-alike: the copy is a pointer, so the reset is of the shared value.
type objRef struct{ meta map[string]int }

func (j *objRef) Forget() {
	c := j
	c.meta = nil
}

func (j *objRef) Set(k string) {
	j.meta[k] = 1 // want GD103 `set to nil at gd103/protocols\.go:\d+`
}

// The reset is in a teardown method: a write after Close is a use after close (etcd's watch
// ranges, tailscale's sessions).
type watchRanges struct {
	mu     sync.Mutex
	ranges map[string]int
}

func (w *watchRanges) add(k string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ranges[k]++
}

func (w *watchRanges) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ranges = nil
}

// Abort cleans up after a failed upload (rclone's chunk writers).
func (w *watchRanges) Abort() {
	w.mu.Lock()
	w.ranges = nil
	w.mu.Unlock()
}

// The reset comes with a state change the writer checks first (OpenTelemetry's global meter:
// once a delegate is set, the instruments map is dropped and every method returns early).
type meter struct {
	mu       sync.Mutex
	delegate *int
	insts    map[string]int
}

func newMeter() *meter { return &meter{insts: make(map[string]int)} }

func (m *meter) setDelegate(d *int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.delegate = d
	m.insts = nil
}

func (m *meter) Counter(name string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.delegate != nil {
		return *m.delegate
	}
	m.insts[name] = 1
	return 0
}

// Look-alike: the writer checks a field the reset does not set.
type gauge struct {
	delegate *int
	ready    bool
	insts    map[string]int
}

func (g *gauge) setDelegate(d *int) {
	g.delegate = d
	g.insts = nil
}

func (g *gauge) Observe(name string) {
	if !g.ready {
		return
	}
	g.insts[name] = 1 // want GD103 `set to nil`
}

// Every caller checks the map as one disjunct of an exiting guard (NATS's setConsumer).
type stream struct {
	mu        sync.Mutex
	store     *int
	consumers map[string]int
}

func (s *stream) drop() {
	s.mu.Lock()
	s.consumers = nil
	s.mu.Unlock()
}

func (s *stream) setConsumer(name string) {
	s.consumers[name] = 1
}

func (s *stream) addConsumer(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store == nil || s.consumers == nil {
		return false
	}
	s.setConsumer(name)
	return true
}

// A helper gets the field's address and makes the map before running the closure that writes
// it (tailscale's mapx.RepopulateNonzero).
type node struct {
	byKey map[string]int
	names []string
}

func repopulate[K comparable, V any](m *map[K]V, fill func()) {
	if *m == nil {
		*m = make(map[K]V)
	}
	clear(*m)
	fill()
}

func (n *node) update() {
	if n.names == nil {
		n.byKey = nil
		return
	}
	repopulate(&n.byKey, func() {
		for i, s := range n.names {
			n.byKey[s] = i
		}
	})
}

func newNode() *node { return &node{} }

var _, _ = newMeter, newNode
