// Copyright 2023 The Fastmap Authors.
//
// Fast paths into the runtime's map implementation. Before Go 1.24 this file
// also used runtime·mapaccess1(SB) directly; see the history.

#include "textflag.h"

// func lookupString(t *MapType, m unsafe.Pointer, key string) unsafe.Pointer
TEXT ·lookupString(SB), $40-40
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ key_base+16(FP), AX
	MOVQ AX, 16(SP)
	MOVQ key_len+24(FP), AX
	MOVQ AX, 24(SP)
	CALL runtime·mapaccess1_faststr(SB) // want GD504 `assembly.*runtime\.mapaccess1_faststr`
	MOVQ 32(SP), AX
	MOVQ AX, ret+32(FP)
	RET

// func lookupString2(t *MapType, m unsafe.Pointer, key string) (unsafe.Pointer, bool)
TEXT ·lookupString2(SB), $48-41
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ key_base+16(FP), AX
	MOVQ AX, 16(SP)
	MOVQ key_len+24(FP), AX
	MOVQ AX, 24(SP)
	CALL runtime·mapaccess2_faststr(SB) // want GD504 `assembly.*runtime\.mapaccess2_faststr`
	MOVQ 32(SP), AX
	MOVQ AX, ret+32(FP)
	MOVB 40(SP), AX
	MOVB AX, ret1+40(FP)
	RET

// func assignString(t *MapType, m unsafe.Pointer, key string) unsafe.Pointer
TEXT ·assignString(SB), $40-40
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ key_base+16(FP), AX
	MOVQ AX, 16(SP)
	MOVQ key_len+24(FP), AX
	MOVQ AX, 24(SP)
	CALL runtime·mapassign_faststr(SB) // want GD504 `assembly.*runtime\.mapassign_faststr`
	MOVQ 32(SP), AX
	MOVQ AX, ret+32(FP)
	RET

// func assignAny(t *MapType, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer
TEXT ·assignAny(SB), $32-32
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ key+16(FP), AX
	MOVQ AX, 16(SP)
	CALL runtime·mapassign(SB) // want GD504 `assembly.*runtime\.mapassign`
	MOVQ 24(SP), AX
	MOVQ AX, ret+24(FP)
	RET

// func deleteString(t *MapType, m unsafe.Pointer, key string)
TEXT ·deleteString(SB), $32-32
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ key_base+16(FP), AX
	MOVQ AX, 16(SP)
	MOVQ key_len+24(FP), AX
	MOVQ AX, 24(SP)
	CALL runtime·mapdelete_faststr(SB) // want GD504 `assembly.*runtime\.mapdelete_faststr`
	RET

// func iterInitAddr() uintptr
TEXT ·iterInitAddr(SB), NOSPLIT, $0-8
	MOVQ $runtime·mapiterinit(SB), AX // want GD504 `assembly.*runtime\.mapiterinit`
	MOVQ AX, ret+0(FP)
	RET

// func iterStart(t *MapType, m unsafe.Pointer, it *Iter)
TEXT ·iterStart(SB), $24-24
	MOVQ t+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ m+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ it+16(FP), AX
	MOVQ AX, 16(SP)
	CALL reflect·mapiterinit(SB) // want GD504 `assembly.*reflect\.mapiterinit`
	RET

// func iterNext(it *Iter)
TEXT ·iterNext(SB), NOSPLIT, $0-8
	JMP runtime·mapiternext(SB) // want GD504 `assembly.*runtime\.mapiternext`

// func lookupU64Addr() uintptr
TEXT ·lookupU64Addr(SB), NOSPLIT, $0-8
	LEAQ runtime·mapaccess1_fast64(SB), AX // want GD504 `assembly.*runtime\.mapaccess1_fast64`
	MOVQ AX, ret+0(FP)
	RET

// Nothing below this line touches the runtime's maps.

// func copyKey(dst, src unsafe.Pointer, n uintptr)
TEXT ·copyKey(SB), $24-24
	MOVQ dst+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ src+8(FP), AX
	MOVQ AX, 8(SP)
	MOVQ n+16(FP), AX
	MOVQ AX, 16(SP)
	CALL runtime·memmove(SB)
	RET

// func mapaccessHelper(x uint64) uint64
// A local helper whose name merely starts with "mapaccess".
TEXT ·mapaccessHelper(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ $0x9E3779B97F4A7C15, CX
	IMULQ CX, AX
	MOVQ AX, ret+8(FP)
	RET

// func checkedSum(p *uint64, n int) uint64
// Grows its own stack like hand-written decoder entry points do.
TEXT ·checkedSum(SB), NOSPLIT, $16-24
entry:
	MOVQ (TLS), R14
	LEAQ -16(SP), R12
	CMPQ R12, 16(R14)
	JBE  grow
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	XORQ AX, AX
loop:
	TESTQ CX, CX
	JEQ  done
	ADDQ (SI), AX
	ADDQ $8, SI
	DECQ CX
	JMP  loop
done:
	MOVQ AX, 0(SP)
	CALL ·mapaccessHelper(SB)
	MOVQ 8(SP), AX
	MOVQ AX, ret+16(FP)
	RET
grow:
	CALL runtime·morestack_noctxt(SB)
	JMP  entry

/*
An older version walked buckets itself:

	CALL runtime·mapaccess2(SB)
	CALL runtime·mapiternext(SB)

and is kept here only as a note.
*/

// TODO: switch lookupString to runtime·mapaccess2_faststr(SB) once the
// pushed symbol list settles.
