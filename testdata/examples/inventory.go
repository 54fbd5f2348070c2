// Package inventory tracks stock levels and short-lived reservations for a
// small warehouse service.
package inventory

import (
	"errors"
	"slices"
	"sync"
)

// SKU identifies a stock-keeping unit.
type SKU string

// Item is one line of stock.
type Item struct {
	SKU      SKU
	Name     string
	OnHand   int
	Reserved int
	Tags     []string
}

// ErrUnknownSKU is returned for SKUs the store has never seen.
var ErrUnknownSKU = errors.New("inventory: unknown SKU")

// Store holds items and the reservations made against them.
type Store struct {
	mu     sync.Mutex
	items  map[SKU]*Item
	byTag  map[string]map[SKU]struct{}
	holds  map[string]Hold // reservation ID -> hold
	lookup *lookupCache
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{
		items:  make(map[SKU]*Item),
		byTag:  make(map[string]map[SKU]struct{}),
		holds:  make(map[string]Hold),
		lookup: newLookupCache(256),
	}
}

// Put adds or replaces an item and indexes its tags.
func (s *Store) Put(it Item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.items[it.SKU]; ok {
		s.unindex(old)
	}
	cp := it
	cp.Tags = slices.Clone(it.Tags)
	s.items[it.SKU] = &cp
	for _, t := range cp.Tags {
		set, ok := s.byTag[t]
		if !ok {
			set = make(map[SKU]struct{})
			s.byTag[t] = set
		}
		set[it.SKU] = struct{}{}
	}
	s.lookup.invalidate()
}

// unindex removes an item from the tag index; s.mu must be held.
func (s *Store) unindex(it *Item) {
	for _, t := range it.Tags {
		set := s.byTag[t]
		delete(set, it.SKU) // a no-op if set is nil
		if len(set) == 0 {
			delete(s.byTag, t)
		}
	}
}

// Remove deletes an item. Removing an unknown SKU is not an error.
func (s *Store) Remove(sku SKU) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.items[sku]; ok {
		s.unindex(it)
		delete(s.items, sku)
		s.lookup.invalidate()
	}
}

// Discontinue removes every item carrying tag, and returns their SKUs in
// sorted order.
func (s *Store) Discontinue(tag string) []SKU {
	s.mu.Lock()
	defer s.mu.Unlock()
	var gone []SKU
	for sku, it := range s.items {
		if slices.Contains(it.Tags, tag) {
			s.unindex(it)
			delete(s.items, sku) // deleting the current key is fine
			gone = append(gone, sku)
		}
	}
	slices.Sort(gone)
	s.lookup.invalidate()
	return gone
}

// Available reports how many units of sku can still be reserved.
func (s *Store) Available(sku SKU) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[sku]
	if !ok {
		return 0, ErrUnknownSKU
	}
	return it.OnHand - it.Reserved, nil
}

// Tagged returns the SKUs carrying tag, sorted.
func (s *Store) Tagged(tag string) []SKU {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cached, ok := s.lookup.get(tag); ok {
		return cached
	}
	out := make([]SKU, 0, len(s.byTag[tag]))
	for sku := range s.byTag[tag] {
		out = append(out, sku)
	}
	slices.Sort(out)
	s.lookup.put(tag, out)
	return out
}
