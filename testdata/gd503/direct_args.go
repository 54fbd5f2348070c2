//go:build ignore

// This file is excluded from the build: `go vet`'s own cgocall check rejects
// every flagged line in it ("possibly passing Go type with embedded pointer
// to C"), and the go tool runs vet over the whole testdata module.
// golint-delete does not read build constraints and analyses it as part of
// package gd503.

package gd503

/*
#include <stdint.h>

static uintptr_t keep(void *p) { return (uintptr_t)p; }
static void register_cb(int id, void *ctx) { (void)id; (void)ctx; }
*/
import "C"

import (
	"unsafe"
)

type registry struct {
	routes map[string]int
}

// Register passes the address of a map argument.
func Register(id int, handlers map[string]func()) {
	C.register_cb(C.int(id), unsafe.Pointer(&handlers)) // want GD503 `cgo`
}

// Keep passes the address of a map field.
func (r *registry) Keep() uintptr {
	return uintptr(C.keep(unsafe.Pointer(&r.routes))) // want GD503 `cgo`
}

// KeepPtr passes a pointer to a map.
func KeepPtr(mp *map[string]int) {
	C.keep(unsafe.Pointer(mp)) // want GD503 `cgo`
}

// KeepLocal passes the address of a local map.
func KeepLocal() {
	seen := map[string]bool{"a": true}
	C.keep(unsafe.Pointer(&seen)) // want GD503 `cgo`
}

// Count passes only the length; the map stays in Go.
func (r *registry) Count() {
	C.register_cb(C.int(len(r.routes)), nil)
}
