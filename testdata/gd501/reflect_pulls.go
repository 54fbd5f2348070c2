package gd501

import (
	"unsafe"
)

// rtype stands in for reflect's type descriptor, as reflect2-style code
// declares it.
type rtype struct {
	size uintptr
	kind uint8
}

// hiter is an opaque iterator the pulled functions fill in.
type hiter struct {
	key   unsafe.Pointer
	value unsafe.Pointer
	pad   [14]uintptr
}

//go:linkname reflect_mapiterinit reflect.mapiterinit // want GD501 `linkname.*reflect\.mapiterinit`
func reflect_mapiterinit(rtype *rtype, m unsafe.Pointer, it *hiter)

//go:linkname reflect_mapiternext reflect.mapiternext // want GD501 `linkname.*reflect\.mapiternext`
func reflect_mapiternext(it *hiter)

//go:linkname mapiterkey reflect.mapiterkey // want GD501 `linkname.*reflect\.mapiterkey`
func mapiterkey(it *hiter) unsafe.Pointer

//go:linkname maplen reflect.maplen // want GD501 `linkname.*reflect\.maplen`
func maplen(m unsafe.Pointer) int

//go:linkname reflect_mapaccess reflect.mapaccess // want GD501 `linkname.*reflect\.mapaccess`
func reflect_mapaccess(rtype *rtype, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

//go:linkname litelen internal/reflectlite.maplen // want GD501 `linkname.*internal/reflectlite\.maplen`
func litelen(m unsafe.Pointer) int

// MapSize reports the length of any map given its header pointer.
func MapSize(m unsafe.Pointer) int {
	if m == nil {
		return 0
	}
	return maplen(m)
}

// FirstKey returns a pointer to some key of the map, or nil.
func FirstKey(t *rtype, m unsafe.Pointer) unsafe.Pointer {
	it := new(hiter)
	reflect_mapiterinit(t, m, it)
	k := mapiterkey(it)
	reflect_mapiternext(it)
	return k
}

// Has reports whether key is present.
func Has(t *rtype, m, key unsafe.Pointer) bool {
	return reflect_mapaccess(t, m, key) != nil && litelen(m) > 0
}
