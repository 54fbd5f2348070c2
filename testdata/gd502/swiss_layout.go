package gd502

import (
	"unsafe"
)

// swissMap copies internal/runtime/maps.Map from Go 1.24 and later.
type swissMap struct { // want GD502 `mirrors.*maps\.Map`
	used              uint64
	seed              uintptr
	dirPtr            unsafe.Pointer
	dirLen            int
	globalDepth       uint8
	globalShift       uint8
	writing           uint8
	tombstonePossible bool
	clearSeq          uint64
}

// groupsRef copies internal/runtime/maps.groupsReference. It is not reported:
// two fields are below the three-field minimum for small structs, and a
// {pointer, mask} pair is too common a shape to call a mirror.
type groupsRef struct {
	data       unsafe.Pointer
	lengthMask uint64
}

// swissTable copies internal/runtime/maps.table.
type swissTable struct { // want GD502 `mirrors.*maps\.table`
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int
	groups     groupsRef
}

// swissIter copies internal/runtime/maps.Iter.
type swissIter struct { // want GD502 `mirrors.*maps\.Iter`
	key         unsafe.Pointer
	elem        unsafe.Pointer
	typ         unsafe.Pointer
	m           *swissMap
	entryOffset uint64
	dirOffset   uint64
	clearSeq    uint64
	globalDepth uint8
	dirIdx      int
	tab         *swissTable
	group       unsafe.Pointer
	entryIdx    uint64
}

// SmallMap reports whether the map still fits in a single group.
func SmallMap(m map[string]int) bool {
	sm := *(**swissMap)(unsafe.Pointer(&m)) // want GD502 `reinterprets.*map`
	return sm == nil || sm.dirLen == 0
}

// Tables returns the directory of tables of a large map.
func Tables(m map[uint64]uint64) []*swissTable {
	sm := (*swissMap)(*(*unsafe.Pointer)(unsafe.Pointer(&m))) // want GD502 `reinterprets.*map`
	if sm.dirLen == 0 {
		return nil
	}
	return unsafe.Slice((**swissTable)(sm.dirPtr), sm.dirLen)
}

// IterKey returns the current key of an iterator.
func IterKey(it *swissIter) unsafe.Pointer {
	if it.m == nil {
		return nil
	}
	return it.key
}
