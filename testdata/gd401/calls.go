package gd401

import (
	"strconv"
	"sync"
	"time"
)

// A goroutine writes a shared map through the functions it calls: the write is in the callee,
// the sharing is at the go statement (issue 17 item 12).
type shard struct{ id int }

// ingest writes m, the caller's map, with no lock.
func (s *shard) ingest(m map[string]int) {
	for i := 0; i < 200; i++ {
		m[strconv.Itoa(s.id*1000+i)] = i
	}
}

func (s *shard) ingestAll(m map[string]int, wg *sync.WaitGroup) {
	defer wg.Done()
	s.ingest(m)
}

func countInto(m map[string]int, k string) { m[k]++ }

func tallyInto(m map[string]int, k string) { countInto(m, k) }

func BadIngestInGoFunc() {
	m := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		s := &shard{id: i}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.ingest(m) // want GD401 `unsynchronized write to map m in a goroutine started at line \d+: \(\*shard\)\.ingest writes it \(line 16: .*the goroutine is started in a loop`
		}()
	}
	wg.Wait()
}

func BadGoMethodWithMap() {
	m := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		s := &shard{id: i}
		wg.Add(1)
		go s.ingestAll(m, &wg) // want GD401 `\(\*shard\)\.ingestAll writes it through \(\*shard\)\.ingest`
	}
	wg.Wait()
}

func BadHelperChain() {
	m := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				tallyInto(m, strconv.Itoa(k*1000+j)) // want GD401 `tallyInto writes it through countInto`
			}
		}(i)
	}
	wg.Wait()
}

// A method value given to time.AfterFunc runs on a timer's goroutine; several timers run at once.
type expiring struct {
	mu    sync.Mutex
	items map[string]int
	n     int
}

func (e *expiring) tick() {
	for i := 0; i < 200; i++ {
		e.items[strconv.Itoa(i)] = i // want GD401 `in a goroutine \(a time.AfterFunc callback registered at line \d+\): \(\*expiring\)\.once also uses it`
	}
}

func BadAfterFuncMethods() {
	e := &expiring{items: map[string]int{}}
	for i := 0; i < 4; i++ {
		time.AfterFunc(time.Millisecond, e.tick)
	}
	time.Sleep(50 * time.Millisecond)
}

// Not reported: the call holds the lock (telegraf's sqlserver health metrics), each goroutine
// passes a map of its own, the only goroutine is joined before the map is used again, or a
// timer runs once.
func GoodLockedIngest() {
	m := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			mu.Lock()
			tallyInto(m, strconv.Itoa(k))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
}

func GoodOwnMaps() {
	var wg sync.WaitGroup
	out := make([]map[string]int, 4)
	for i := 0; i < 4; i++ {
		m := map[string]int{}
		out[i] = m
		s := &shard{id: i}
		wg.Add(1)
		go s.ingestAll(m, &wg)
	}
	wg.Wait()
}

func GoodOneJoined() int {
	m := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		tallyInto(m, "a")
	}()
	<-done
	return m["a"]
}

func GoodOneTimer() {
	e := &expiring{items: map[string]int{}}
	t := time.AfterFunc(time.Millisecond, e.once)
	time.Sleep(20 * time.Millisecond)
	t.Stop()
}

func (e *expiring) once() {
	e.mu.Lock()
	e.items["once"] = 1
	e.mu.Unlock()
}
