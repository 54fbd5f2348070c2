package gd503

// Functions exported to C. This preamble holds declarations only, as cgo
// requires in a file that uses //export.

/*
#include <stdint.h>
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// goLabels hands C the labels map itself.
//
//export goLabels
func goLabels(h C.uintptr_t) map[string]string { // want GD503 `cgo`
	return cgo.Handle(h).Value().(map[string]string)
}

// goMergeCounters takes two Go maps from C.
//
//export goMergeCounters
func goMergeCounters(dst, src map[string]int64) { // want GD503 `cgo`
	for k, v := range src {
		dst[k] += v
	}
}

// goCountLabels takes a map and returns an int.
//
//export goCountLabels
func goCountLabels(labels map[string]string, prefix *C.char) C.int { // want GD503 `cgo`
	p := C.GoString(prefix)
	n := 0
	for k := range labels {
		if len(k) >= len(p) && k[:len(p)] == p {
			n++
		}
	}
	return C.int(n)
}

// goLookup finds the map through a cgo.Handle: only C types cross.
//
//export goLookup
func goLookup(h C.uintptr_t, key *C.char) C.longlong {
	m := cgo.Handle(h).Value().(map[string]int64)
	return C.longlong(m[C.GoString(key)])
}

// goKeyCount returns a count and takes a pointer to C memory.
//
//export goKeyCount
func goKeyCount(h C.uintptr_t, out unsafe.Pointer) {
	m := cgo.Handle(h).Value().(map[string]int64)
	*(*C.int)(out) = C.int(len(m))
}

// export goDump has a space after the slashes, so it is not an export
// directive and goDump stays a Go-only function.
func goDump(m map[string]int) int {
	return len(m)
}

// mergeLocal is not exported to C.
func mergeLocal(dst, src map[string]int64) {
	for k, v := range src {
		dst[k] += v
	}
}
