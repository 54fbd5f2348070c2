// Package gd102 is the contract for rule GD102 (nil-map-field-write).
//
// A finding is reported on the line of a write x.f[k] = v (also op=, ++, --
// and one target of a multi-assignment), where x is a struct of a type
// declared in this package (or a pointer to one) and f a map field, when
// nothing in the writing function checks or sets x.f before the write, while
// some construction of the type in the package's non-test files leaves f nil.
// A type whose map field is lazily initialised anywhere in the package
// (a method or function that assigns it a non-nil map) is never reported.
//
// This file holds the constructions; the writes are in methods.go.
package gd102

// Registry's only construction leaves handlers nil.
type Registry struct {
	handlers map[string]func()
	order    []string
}

func NewRegistry() *Registry {
	return &Registry{}
}

// Counter is built as a value without its map.
type Counter struct {
	name   string
	counts map[string]int
}

func NewCounter(name string) Counter {
	return Counter{name: name}
}

// Pool is built by new.
type Pool struct {
	free map[int]bool
	size int
}

func newPool() *Pool {
	return new(Pool)
}

// meta is embedded in Node; Node's construction leaves labels nil.
type meta struct {
	labels map[string]string
}

type Node struct {
	meta
	id int
}

func NewNode(id int) *Node {
	return &Node{id: id}
}

// Doc is built by a keyed literal that sets other fields only.
type Doc struct {
	title string
	tags  map[string]bool
}

func newDoc(title string) *Doc {
	d := &Doc{title: title}
	d.title += "!"
	return d
}

// Set is a named map type; Group holds one.
type Set map[string]struct{}

type Group struct {
	name    string
	members Set
	history map[string][]string
}

func NewGroup(name string) *Group {
	g := &Group{name: name}
	return g
}

// Cache is generic.
type Cache[K comparable, V any] struct {
	items map[K]V
	hits  int
}

func NewCache[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{}
}

// Inbox's construction leaves msgs nil; Empty only compares it with nil.
type Inbox struct {
	msgs map[int]string
}

func NewInbox() *Inbox {
	return &Inbox{}
}
