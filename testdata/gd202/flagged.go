// Package gd202 is the contract for rule GD202 (delete-other-key-in-range).
//
// A finding is reported on the line of the delete call when, inside the body
// of a range loop over a map that has a key variable, the code deletes from
// the same map a key that is not (or may no longer be) the current key.
// Deleting the current key is legal and is never reported.
package gd202

import (
	"strings"
)

type Job struct {
	ID     string
	Parent string
	Deps   []string
}

// A constant key.
func applyRenames(opts map[string]string) {
	for k := range opts {
		if k == "timeout_ms" {
			delete(opts, "timeout") // want GD202 `removes another key`
		}
	}
}

// A key computed from the loop key.
func dropShadowCopies(files map[string]int) {
	for name := range files {
		if !strings.HasSuffix(name, ".bak") {
			delete(files, name+".bak") // want GD202 `removes another key`
		}
	}
}

// The value, not the key.
func collapseAliases(aliases map[string]string) {
	for alias, target := range aliases {
		if alias != target {
			delete(aliases, target) // want GD202 `removes another key`
		}
	}
}

// A field of the value; followed by continue, which keeps the loop going.
func pruneParents(jobs map[string]*Job) {
	for id, j := range jobs {
		if j.Parent != "" {
			delete(jobs, j.Parent) // want GD202 `removes another key`
			continue
		}
		_ = id
	}
}

// An identifier bound to a different variable.
func dropSuccessor(next map[string]string) {
	for cur, succ := range next {
		following := next[succ]
		if following == cur {
			delete(next, following) // want GD202 `removes another key`
		}
	}
}

var legacyKey = "v1"

// A package-level variable.
func dropLegacy(cfg map[string]int) {
	for k, v := range cfg {
		if k == "v2" && v > 0 {
			delete(cfg, legacyKey) // want GD202 `removes another key`
		}
	}
}

// Float keys.
func mergeBuckets(hist map[float64]int) {
	for x, n := range hist {
		if other, ok := hist[x*2]; ok {
			hist[x] = n + other
			delete(hist, x*2) // want GD202 `removes another key`
		}
	}
}

// Several deletes in one body: only the one of another key is reported.
func settle(balances map[string]int, pairs map[string]string) {
	for acct, bal := range balances {
		if bal == 0 {
			delete(balances, acct)
			delete(balances, pairs[acct]) // want GD202 `removes another key`
		}
	}
}

// Queue has a map field reached through a pointer receiver.
type Queue struct {
	tasks map[string]*Job
	done  int
}

// A delete inside a nested range over a slice still deletes from the map
// being ranged over by the outer loop.
func (q *Queue) DropDependencies() {
	for id, t := range q.tasks {
		for _, dep := range t.Deps {
			if dep != id {
				delete(q.tasks, dep) // want GD202 `removes another key`
			}
		}
	}
	q.done++
}

type index struct {
	byName map[string]int
}

type Service struct {
	idx    *index
	shards [2]map[string]string
}

func (s *Service) dropByPrefix(prefix string) {
	for name := range s.idx.byName {
		if strings.HasPrefix(name, prefix) {
			delete(s.idx.byName, strings.TrimPrefix(name, prefix)) // want GD202 `removes another key`
		}
	}
}

func (s *Service) unlinkFirstShard() {
	for k, v := range s.shards[0] {
		if v != k {
			delete(s.shards[0], v) // want GD202 `removes another key`
		}
	}
}

func dropViaPointer(p *map[string]string) {
	for k, v := range *p {
		if v == "" {
			delete(*p, k+"/") // want GD202 `removes another key`
		}
	}
}

// Set is a named map type.
type Set map[string]struct{}

func (s Set) DropPlurals() {
	for w := range s {
		if _, ok := s[w+"s"]; ok {
			delete(s, w+"s") // want GD202 `removes another key`
		}
	}
}

// Generic map parameter.
func DropTargets[K comparable](m map[K]K) {
	for k, v := range m {
		if v != k {
			delete(m, v) // want GD202 `removes another key`
		}
	}
}

// Map-typed type parameter.
func DropZeroPartner[M ~map[K]K, K comparable](m M, zero K) {
	for k := range m {
		if m[k] == zero {
			delete(m, m[k]) // want GD202 `removes another key`
		}
	}
}

// A labeled loop.
func dedupeIndex(idx map[string][]string) {
scan:
	for k, dups := range idx {
		for _, d := range dups {
			if d == k {
				continue scan
			}
			delete(idx, d) // want GD202 `removes another key`
		}
	}
}

// The range loop lives inside a func literal; the delete is in the loop body
// itself, not in a nested literal.
func walker(graph map[string]string) func() {
	return func() {
		for node, parent := range graph {
			if parent == node {
				continue
			}
			delete(graph, parent) // want GD202 `removes another key`
		}
	}
}
