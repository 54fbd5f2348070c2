package gd101

import "sync"

// A method value handed to once.Do runs with its receiver: it may make the receiver's maps,
// so the literal's nil field is no longer known nil after the call.
type lazyIndex struct {
	once sync.Once
	m    map[string]int
}

func (x *lazyIndex) init() { x.m = make(map[string]int) }

func NewLazyIndex(k string) *lazyIndex {
	result := &lazyIndex{}
	result.once.Do(result.init)
	result.m[k] = 1
	return result
}
