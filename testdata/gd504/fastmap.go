// Package gd504 is the contract for rule GD504 (asm-runtime-map-call).
//
// The Go assembly in fastmap_amd64.s calls or takes the address of the
// runtime's map functions; each such line ends in a `// want` comment. The
// Go declarations of the assembly functions are in fastmap_amd64.go, a pure
// Go fallback for other architectures in fastmap_other.go. The shape follows
// the hand-written assembly of fast JSON decoders from before Go 1.24.
package gd504

import "unsafe"

// MapType stands in for the runtime's map type descriptor.
type MapType struct {
	Size uintptr
	Hash uint32
}

// Iter is an opaque iterator buffer handed to the runtime.
type Iter struct {
	Key  unsafe.Pointer
	Elem unsafe.Pointer
	rest [14]uintptr
}
