package inventory

import (
	"fmt"
	"time"
)

// Hold is a reservation of some units of one SKU until a deadline.
type Hold struct {
	ID         string
	SKU        SKU
	Qty        int
	Expires    time.Time
	Supersedes string // ID of an earlier hold this one replaces, if any
}

// Reserve places a hold. It fails if not enough stock is available.
func (s *Store) Reserve(h Hold) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[h.SKU]
	if !ok {
		return ErrUnknownSKU
	}
	if it.OnHand-it.Reserved < h.Qty {
		return fmt.Errorf("inventory: %d of %s requested, %d available", h.Qty, h.SKU, it.OnHand-it.Reserved)
	}
	it.Reserved += h.Qty
	s.holds[h.ID] = h
	return nil
}

// Release cancels a hold; releasing an unknown hold is a no-op.
func (s *Store) Release(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.holds[id]; ok {
		s.unreserve(h)
		delete(s.holds, id)
	}
}

// unreserve returns a hold's units to the pool; s.mu must be held.
func (s *Store) unreserve(h Hold) {
	if it, ok := s.items[h.SKU]; ok {
		it.Reserved -= h.Qty
	}
}

// Expire drops every hold whose deadline has passed and returns how many
// were dropped.
func (s *Store) Expire(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, h := range s.holds {
		if now.After(h.Expires) {
			s.unreserve(h)
			delete(s.holds, id)
			n++
		}
	}
	return n
}

// Compact drops holds that a later hold supersedes.
func (s *Store) Compact() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, h := range s.holds {
		if h.Supersedes == "" || h.Supersedes == id {
			continue
		}
		if old, ok := s.holds[h.Supersedes]; ok {
			s.unreserve(old)
			delete(s.holds, h.Supersedes)
		}
	}
}

// ReleaseAll drops every hold for sku.
func (s *Store) ReleaseAll(sku SKU) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, h := range s.holds {
		if h.SKU != sku {
			continue
		}
		s.unreserve(h)
		delete(s.holds, id)
	}
}
