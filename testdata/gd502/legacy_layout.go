// Package gd502 is the contract for rule GD502 (runtime-map-layout-mirror).
//
// Two kinds of findings:
//
//   - a struct type whose fields copy a runtime map layout (matched by field
//     names and types, never by the type's name): the pre-1.24 hmap, bmap and
//     hiter, or the Swiss-table Map, table and Iter of internal/runtime/maps;
//     reported on the line of the type's name;
//   - the address of a map variable converted through unsafe.Pointer to
//     another pointer type, which reads the runtime's private map header;
//     reported on the line of the conversion.
//
// The code is shaped like the reflection helpers of fast JSON encoders
// written for Go 1.23 and earlier.
package gd502

import (
	"unsafe"
)

const bucketCnt = 8

// mapextra holds overflow buckets in the old layout.
type mapextra struct {
	overflow     *[]*bmap
	oldoverflow  *[]*bmap
	nextOverflow *bmap
}

// runtimeHmap is a verbatim copy of runtime.hmap from Go 1.23.
type runtimeHmap struct { // want GD502 `mirrors.*hmap`
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      *mapextra
}

// goMapHeader has a neutral name and only part of hmap, with byte for uint8.
type goMapHeader struct { // want GD502 `mirrors.*hmap`
	count     int
	flags     byte
	B         byte
	noverflow uint16
	hash0     uint32
	buckets   unsafe.Pointer
}

// bmap is the old bucket: tophash first, keys and values follow in memory.
type bmap struct { // want GD502 `mirrors.*bmap`
	tophash [bucketCnt]uint8
}

// stringBucket spells the bucket out for map[string]string.
type stringBucket struct { // want GD502 `mirrors.*bmap`
	tophash  [8]uint8
	keys     [8]string
	values   [8]string
	overflow *stringBucket
}

// mapIter mirrors runtime.hiter so that it can be handed to mapiterinit.
type mapIter struct { // want GD502 `mirrors.*hiter`
	key         unsafe.Pointer
	elem        unsafe.Pointer
	t           unsafe.Pointer
	h           *runtimeHmap
	buckets     unsafe.Pointer
	bptr        *bmap
	overflow    *[]*bmap
	oldoverflow *[]*bmap
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}

// FastLen reads the element count straight from the map header.
func FastLen(m map[string]any) int {
	h := *(**runtimeHmap)(unsafe.Pointer(&m)) // want GD502 `reinterprets.*map`
	if h == nil {
		return 0
	}
	return h.count
}

// BucketCount reads B from the header, through an unsafe.Pointer first.
func BucketCount(m map[string]int) int {
	hdr := (*goMapHeader)(*(*unsafe.Pointer)(unsafe.Pointer(&m))) // want GD502 `reinterprets.*map`
	return 1 << hdr.B
}

// Registry keeps its entries in a map field.
type Registry struct {
	entries map[string]uintptr
	hits    int
}

// Growing reports whether the registry's map is mid-evacuation.
func (r *Registry) Growing() bool {
	r.hits++
	h := *(**runtimeHmap)(unsafe.Pointer(&r.entries)) // want GD502 `reinterprets.*map`
	return h != nil && h.oldbuckets != nil
}

// FirstBucket returns the first bucket of a string map.
func FirstBucket(m map[string]string) *stringBucket {
	p := *(*unsafe.Pointer)(unsafe.Pointer(&m)) // want GD502 `reinterprets.*map`
	if p == nil {
		return nil
	}
	return (*stringBucket)((*runtimeHmap)(p).buckets)
}

// Seed reads the hash seed.
func Seed(m map[int]int) uint32 {
	return (*(**goMapHeader)(unsafe.Pointer(&m))).hash0 // want GD502 `reinterprets.*map`
}
