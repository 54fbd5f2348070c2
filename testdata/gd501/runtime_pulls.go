// Package gd501 is the contract for rule GD501 (linkname-runtime-map).
//
// A finding is reported on the line of a two-argument `//go:linkname local
// target` directive whose target is a map function of runtime, reflect,
// internal/runtime/maps or internal/reflectlite. The code is shaped like the
// "rt" packages of the fast JSON encoders that reached into the runtime's map
// implementation before Go 1.24.
//
// Note: the trailing `// want` comment makes these directive lines invalid
// for the compiler ("usage: //go:linkname localname [linkname]"), so this
// package passes `go vet`, which type-checks without compiling, but not
// `go build`.
package gd501

import (
	"unsafe"
)

// GoType stands in for the runtime's type descriptor.
type GoType struct {
	Size uintptr
	Hash uint32
}

// GoMapType stands in for the runtime's map type descriptor.
type GoMapType struct {
	GoType
	Key    *GoType
	Elem   *GoType
	Bucket *GoType
}

// GoMapIterator is laid out like the pre-1.24 hiter; only key and elem are used.
type GoMapIterator struct {
	K    unsafe.Pointer
	V    unsafe.Pointer
	T    *GoMapType
	rest [13]uintptr
}

//go:noescape
//go:linkname mapiterinit runtime.mapiterinit // want GD501 `linkname.*runtime\.mapiterinit`
func mapiterinit(t *GoMapType, m unsafe.Pointer, it *GoMapIterator)

//go:noescape
//go:linkname mapiternext runtime.mapiternext // want GD501 `linkname.*runtime\.mapiternext`
func mapiternext(it *GoMapIterator)

//go:linkname mapaccess1_faststr runtime.mapaccess1_faststr // want GD501 `linkname.*runtime\.mapaccess1_faststr`
func mapaccess1_faststr(t *GoMapType, m unsafe.Pointer, key string) unsafe.Pointer

//go:linkname mapaccess2_faststr runtime.mapaccess2_faststr // want GD501 `linkname.*runtime\.mapaccess2_faststr`
func mapaccess2_faststr(t *GoMapType, m unsafe.Pointer, key string) (unsafe.Pointer, bool)

//go:linkname mapassign_faststr runtime.mapassign_faststr // want GD501 `linkname.*runtime\.mapassign_faststr`
func mapassign_faststr(t *GoMapType, m unsafe.Pointer, key string) unsafe.Pointer

//go:linkname mapassign runtime.mapassign // want GD501 `linkname.*runtime\.mapassign`
func mapassign(t *GoMapType, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//go:linkname mapaccess2_fast64 runtime.mapaccess2_fast64 // want GD501 `linkname.*runtime\.mapaccess2_fast64`
func mapaccess2_fast64(t *GoMapType, m unsafe.Pointer, key uint64) (unsafe.Pointer, bool)

//go:linkname mapdelete runtime.mapdelete // want GD501 `linkname.*runtime\.mapdelete`
func mapdelete(t *GoMapType, m unsafe.Pointer, key unsafe.Pointer)

//go:linkname makemap runtime.makemap // want GD501 `linkname.*runtime\.makemap`
func makemap(t *GoMapType, hint int, m unsafe.Pointer) unsafe.Pointer

//go:linkname makemap_small runtime.makemap_small // want GD501 `linkname.*runtime\.makemap_small`
func makemap_small() unsafe.Pointer

//go:linkname mapclear runtime.mapclear // want GD501 `linkname.*runtime\.mapclear`
func mapclear(t *GoMapType, m unsafe.Pointer)

// DecodeField stores one decoded string value.
func DecodeField(t *GoMapType, m unsafe.Pointer, key string, v string) {
	slot := mapassign_faststr(t, m, key)
	*(*string)(slot) = v
}

// Lookup reads one value by key.
func Lookup(t *GoMapType, m unsafe.Pointer, key string) (string, bool) {
	p, ok := mapaccess2_faststr(t, m, key)
	if !ok {
		return "", false
	}
	return *(*string)(p), true
}

// EncodeKeys walks a map with the runtime's own iterator.
func EncodeKeys(t *GoMapType, m unsafe.Pointer, emit func(key string)) {
	var it GoMapIterator
	mapiterinit(t, m, &it)
	for it.K != nil {
		emit(*(*string)(it.K))
		mapiternext(&it)
	}
}
