package gd001

import "fmt"

type cache struct{ entries map[string]int }

// A golangci-lint style directive above the statement suppresses the finding and is used.
func (c *cache) reset() {
	//nolint:GD301 // clear() is not available on every branch we build
	for k := range c.entries {
		delete(c.entries, k)
	}
}

// The staticcheck style, with the required reason.
func resetAll(m map[string]int) {
	//lint:ignore GD301 kept as a loop for the 1.20 branch
	for k := range m {
		delete(m, k)
	}
}

// By name, and trailing the flagged line.
func prune(m map[string]int, stale string) {
	for k := range m {
		delete(m, stale) //nolint:delete-other-key-in-range // stale is never a live key
		_ = k
	}
}

// By tool name, and by prefix.
func prune2(m map[string]int, stale string) {
	for k := range m {
		delete(m, stale) //nolint:golint-delete
		_ = k
	}
	for k := range m {
		delete(m, stale) //lint:ignore GD2 the caller re-adds stale afterwards
		_ = k
	}
}

// Directives that name this tool but suppress nothing are reported when GD001 is selected.
func nothingToSuppress(m map[string]int) {
	//nolint:GD202 // want GD001 `suppression //nolint:GD202 matched no finding`
	for k, v := range m { // want GD203 `maps\.DeleteFunc`
		if v == 0 {
			delete(m, k) // deleting the current key is legal: nothing to suppress
		}
	}
	fmt.Println(len(m)) //lint:ignore GD301 not a loop at all // want GD001 `matched no finding`
}

// Directives for other linters, and bare //nolint, may serve other tools: never reported.
func others(m map[string]int) {
	//nolint:errcheck
	fmt.Println(len(m))
	//nolint
	fmt.Println(len(m))
}
