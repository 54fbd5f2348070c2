package gd402

import "sync"

// A Clone that writes only the maps it makes itself, called under RLock: nothing shared is
// written (the callee's summary says so).
type Table struct {
	mu   sync.RWMutex
	rows map[string]int
}

func (t *Table) clone() *Table {
	out := &Table{rows: make(map[string]int, len(t.rows))}
	for k, v := range t.rows {
		out.rows[k] = v
	}
	return out
}

func (t *Table) Snapshot() *Table {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.clone()
}

// A helper that writes the receiver's own map, through another helper: reported at the call.
func (t *Table) bump(k string) { t.set(k, t.rows[k]+1) }

func (t *Table) set(k string, v int) { t.rows[k] = v }

func (t *Table) Touch(k string) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.bump(k) // want GD402 `calls bump, which writes a map without a Lock`
}
