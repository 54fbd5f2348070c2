//go:build !amd64

package gd504

import "unsafe"

// Without the assembly, the fast paths are unavailable and callers use
// reflect.Value.MapIndex and reflect.Value.MapRange instead.

func copyKey(dst, src unsafe.Pointer, n uintptr) {
	copy(unsafe.Slice((*byte)(dst), n), unsafe.Slice((*byte)(src), n))
}

func mapaccessHelper(x uint64) uint64 {
	return x * 0x9E3779B97F4A7C15
}
