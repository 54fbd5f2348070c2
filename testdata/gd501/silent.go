package gd501

import (
	"sync/atomic"
	"unsafe"
)

// Linknames to runtime functions that have nothing to do with maps are not
// this rule's business.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrand runtime.fastrand
func fastrand() uint32

// The local name sounds like a map function; the target does not.
//
//go:noescape
//go:linkname mapHash runtime.memhash
func mapHash(p unsafe.Pointer, seed, s uintptr) uintptr

//go:linkname typedmemmove runtime.typedmemmove
func typedmemmove(t *GoType, dst, src unsafe.Pointer)

//go:linkname unsafe_New reflect.unsafe_New
func unsafe_New(t *GoType) unsafe.Pointer

// A map function of another module is not the runtime's.
//
//go:linkname vendoredAccess example.com/fastmap/internal.mapaccess
func vendoredAccess(m unsafe.Pointer, key string) unsafe.Pointer

//go:linkname vendoredAssign github.com/acme/swiss.mapassign_faststr
func vendoredAssign(m unsafe.Pointer, key string) unsafe.Pointer

// The one-argument form pushes a local symbol; it pulls nothing.
//
//go:linkname encodeMapFast
func encodeMapFast(m map[string]string, buf []byte) []byte {
	for k, v := range m {
		buf = append(buf, k...)
		buf = append(buf, '=')
		buf = append(buf, v...)
		buf = append(buf, ';')
	}
	return buf
}

// go:linkname mapaccess1 runtime.mapaccess1
//
// The comment above has a space after the slashes, so it is not a directive.
var accessCount atomic.Int64

/*
Before Go 1.24 this package used

//go:linkname mapassign runtime.mapassign
//go:linkname mapiterinit runtime.mapiterinit

but those lines sit inside a block comment and are not directives.
*/

// linknameDoc is text, not a directive.
const linknameDoc = `
//go:linkname mapaccess2 runtime.mapaccess2
`

// Seed mixes the clock and the runtime's random source.
func Seed() uint64 {
	accessCount.Add(1)
	return uint64(nanotime()) ^ uint64(fastrand())
}

// HashKey hashes a string key the way the runtime would.
func HashKey(s string, seed uintptr) uintptr {
	return mapHash(unsafe.Pointer(unsafe.StringData(s)), seed, uintptr(len(s)))
}

// Clone copies one value of type t.
func Clone(t *GoType, src unsafe.Pointer) unsafe.Pointer {
	dst := unsafe_New(t)
	typedmemmove(t, dst, src)
	return dst
}

// Vendored calls into another module's map.
func Vendored(m unsafe.Pointer, key string) unsafe.Pointer {
	if p := vendoredAccess(m, key); p != nil {
		return p
	}
	return vendoredAssign(m, key)
}

// Doc is the text of linknameDoc.
func Doc() string { return linknameDoc }
