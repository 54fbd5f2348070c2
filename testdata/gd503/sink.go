// Package gd503 is the contract for rule GD503 (cgo-map-pass).
//
// In a file that imports "C", a finding is reported where a Go map, a
// pointer to one, or unsafe.Pointer of one is handed to C: stored into a
// field or element of a C-typed value (this file), passed as an argument of
// a C function (direct_args.go), or in the signature of an //export function
// (export.go). The code is shaped like a Go binding for a C metrics library.
//
// The preamble of this file holds C definitions, so the //export functions
// live in export.go, whose preamble may only hold declarations.
package gd503

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sink {
	void     *user_data;
	void     *slots[4];
	uintptr_t handle;
	int       nslots;
};

typedef struct {
	void       *ctx;
	const char *name;
	uintptr_t   handle;
} job_t;

static struct sink *sink_new(void) { return calloc(1, sizeof(struct sink)); }
static void sink_free(struct sink *s) { free(s); }
static int sink_emit(struct sink *s, const char *key, long long value) {
	(void)s;
	return (int)(strlen(key) + (size_t)value);
}
static void job_submit(job_t *j) { (void)j; }
static long long sum_values(const long long *vals, int n) {
	long long t = 0;
	for (int i = 0; i < n; i++) t += vals[i];
	return t;
}
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// Sink wraps a C sink and keeps Go-side labels.
type Sink struct {
	c        *C.struct_sink
	labels   map[string]string
	counters map[string]int64
}

// NewSink hands the labels map to C as the sink's user data.
func NewSink(labels map[string]string) *Sink {
	s := &Sink{c: C.sink_new(), labels: labels, counters: map[string]int64{}}
	s.c.user_data = unsafe.Pointer(&s.labels) // want GD503 `cgo`
	return s
}

// AddSlot stores a per-slot counter map in the C struct's pointer array.
func (s *Sink) AddSlot(i int, counters map[string]int64) {
	s.c.slots[i] = unsafe.Pointer(&counters) // want GD503 `cgo`
	s.c.nslots++
}

// Rebind stores a map reached through a pointer.
func (s *Sink) Rebind(mp *map[string]string) {
	s.c.user_data = unsafe.Pointer(mp) // want GD503 `cgo`
}

// Submit queues a job whose context is a Go map, in a C struct on the Go side.
func Submit(name string, ctx map[string]any) {
	var j C.job_t
	j.ctx = unsafe.Pointer(&ctx) // want GD503 `cgo`
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	j.name = cname
	C.job_submit(&j)
}

// SubmitAll fills a C-allocated array of jobs.
func SubmitAll(ctxs []map[string]any) {
	jobs := (*[1 << 16]C.job_t)(C.malloc(C.size_t(len(ctxs)) * C.sizeof_job_t))[:len(ctxs):len(ctxs)]
	defer C.free(unsafe.Pointer(&jobs[0]))
	for i := range ctxs {
		jobs[i].ctx = unsafe.Pointer(&ctxs[i]) // want GD503 `cgo`
		C.job_submit(&jobs[i])
	}
}

// Flush emits the counters; the map stays on the Go side and only C strings
// and C integers cross over.
func (s *Sink) Flush() int {
	total := 0
	for k, v := range s.counters {
		ck := C.CString(k)
		total += int(C.sink_emit(s.c, ck, C.longlong(v)))
		C.free(unsafe.Pointer(ck))
	}
	return total
}

// Sum copies values into C memory and passes a slice of that memory.
func Sum(values map[string]int64) int64 {
	n := len(values)
	if n == 0 {
		return 0
	}
	buf := (*C.longlong)(C.malloc(C.size_t(n) * C.sizeof_longlong))
	defer C.free(unsafe.Pointer(buf))
	vals := unsafe.Slice(buf, n)
	i := 0
	for _, v := range values {
		vals[i] = C.longlong(v)
		i++
	}
	return int64(C.sum_values(&vals[0], C.int(n)))
}

// Attach gives C a handle to the labels instead of a pointer to them.
func (s *Sink) Attach() cgo.Handle {
	h := cgo.NewHandle(s.labels)
	s.c.handle = C.uintptr_t(h)
	name := C.CString("labels")
	s.c.slots[0] = unsafe.Pointer(name)
	return h
}

// Close frees the C side.
func (s *Sink) Close() {
	C.free(s.c.slots[0])
	C.sink_free(s.c)
	s.c = nil
}

// goSide is an ordinary Go struct: storing a map pointer in it is no cgo matter.
type goSide struct {
	ptr   unsafe.Pointer
	count C.int
}

// Remember keeps a pointer on the Go side and tells C only the size.
func Remember(m map[string]int) goSide {
	var g goSide
	g.ptr = unsafe.Pointer(&m)
	g.count = C.int(len(m))
	return g
}
