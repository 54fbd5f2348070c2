package gd502

import (
	"maps"
	"reflect"
	"sort"
	"unsafe"
)

// A worker pool with a count and buckets is not a map header.
type pool struct {
	count   int
	buckets []slot
}

type slot struct {
	jobs []string
}

// A type named hmap whose fields are unrelated: a hierarchical map of
// settings.
type hmap struct {
	name     string
	children []*hmap
	values   map[string]string
}

// shardMap uses hmap's field names with different types.
type shardMap struct {
	count      int64
	flags      uint32
	B          int
	noverflow  int
	hash0      uint64
	buckets    []slot
	oldbuckets []slot
	nevacuate  int
	extra      map[string]int
}

// latencyHistogram has a count, a B and bucket boundaries, nothing more.
type latencyHistogram struct {
	count   int
	B       uint8
	buckets [16]uint64
	sum     float64
}

// tophash is not the first field here.
type probeStats struct {
	probes  int
	tophash [8]uint8
}

// A tophash slice, not an array: bmap's tophash is [bucketCnt]uint8.
type digest struct {
	tophash []uint8
	n       int
}

// cursor has key and elem pointers like an iterator, but nothing else of one.
type cursor struct {
	key  unsafe.Pointer
	elem unsafe.Pointer
	pos  int
}

// tableStats has a used count and a capacity, like a Swiss table, and
// nothing else of one.
type tableStats struct {
	used     uint16
	capacity uint16
	label    string
}

// Keys lists a map's keys through reflect's supported iterator.
func Keys(v any) []string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map {
		return nil
	}
	var out []string
	iter := rv.MapRange()
	for iter.Next() {
		out = append(out, iter.Key().String())
	}
	sort.Strings(out)
	return out
}

// Walk visits entries with a reusable reflect.MapIter.
func Walk(v reflect.Value, visit func(k, e reflect.Value)) {
	var it reflect.MapIter
	it.Reset(v)
	for it.Next() {
		visit(it.Key(), it.Value())
	}
}

// Snapshot copies a map with the maps package.
func Snapshot(m map[string]int) map[string]int {
	return maps.Clone(m)
}

// BytesToString reinterprets a byte slice, not a map.
func BytesToString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// Words views a uint64 as bytes.
func Words(x uint64) *[8]byte {
	return (*[8]byte)(unsafe.Pointer(&x))
}

type header struct {
	data unsafe.Pointer
	n    int
}

// Header reads a struct through another struct type.
func Header(p *pool) *header {
	return (*header)(unsafe.Pointer(&p.buckets))
}

// StringHeader reads a string's data pointer.
func StringHeader(s string) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&s))
}

// MapOfPools is a map whose values are structs; taking the address of an
// element's field is not reinterpreting the map.
func MapOfPools(ps map[string]*pool) int {
	n := 0
	for _, p := range ps {
		n += len(*(*[]slot)(unsafe.Pointer(&p.buckets)))
	}
	return n
}

// Sizes keeps the look-alike types in use.
func Sizes() []uintptr {
	return []uintptr{
		unsafe.Sizeof(pool{}), unsafe.Sizeof(hmap{}), unsafe.Sizeof(shardMap{}),
		unsafe.Sizeof(latencyHistogram{}), unsafe.Sizeof(probeStats{}), unsafe.Sizeof(digest{}),
		unsafe.Sizeof(cursor{}), unsafe.Sizeof(tableStats{}),
	}
}
