package gd504

import "unsafe"

// Implemented in fastmap_amd64.s.

func lookupString(t *MapType, m unsafe.Pointer, key string) unsafe.Pointer
func lookupString2(t *MapType, m unsafe.Pointer, key string) (unsafe.Pointer, bool)
func assignString(t *MapType, m unsafe.Pointer, key string) unsafe.Pointer
func assignAny(t *MapType, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer
func deleteString(t *MapType, m unsafe.Pointer, key string)
func iterInitAddr() uintptr
func iterStart(t *MapType, m unsafe.Pointer, it *Iter)
func iterNext(it *Iter)
func lookupU64Addr() uintptr
func copyKey(dst, src unsafe.Pointer, n uintptr)
func mapaccessHelper(x uint64) uint64
func checkedSum(p *uint64, n int) uint64
