package gd401

import (
	"strconv"
	"sync"
)

// A goroutine that outlives its spawner writes the caller's map, and the caller goes on using it
// (issue 17 item 11: a map captured by a closure a goroutine runs after the spawner returns).
func countAsync(m map[string]int, n int) {
	go func() {
		for i := 0; i < n; i++ {
			m[strconv.Itoa(i%10)]++ // want GD401 `countAsync returns without waiting for it, and BadUseAfterAsyncCount uses the map it passed after the call`
		}
	}()
}

func BadUseAfterAsyncCount() {
	m := map[string]int{}
	countAsync(m, 5000)
	for i := 0; i < 5000; i++ {
		m["x"]++
	}
}

// Not reported: the spawner waits before it returns, or the caller never touches the map again.
func countAndWait(m map[string]int, n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			m[strconv.Itoa(i)]++
		}
	}()
	wg.Wait()
}

func countDetached(m map[string]int, n int, done chan<- struct{}) {
	go func() {
		for i := 0; i < n; i++ {
			m[strconv.Itoa(i)]++
		}
		close(done)
	}()
}

func GoodWaitedCount() int {
	m := map[string]int{}
	countAndWait(m, 100)
	m["x"]++
	return len(m)
}

func GoodHandedOffCount() {
	done := make(chan struct{})
	countDetached(map[string]int{}, 100, done)
	<-done
}
