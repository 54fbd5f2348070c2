package main

// expect-stdout: (?s)^param m = make\(\.\.\.\): caller len: 3\nparam clear\(m\): caller len: 0\nvalue receiver c\.items = make\(\.\.\.\): caller len: 3\npointer receiver c\.items = make\(\.\.\.\): caller len: 0\nreturned map: caller len: 0\n$

// A map parameter is a copy of the caller's map reference, and a value
// receiver is a copy of the caller's struct. Assigning a new map to either
// changes only the copy: the caller's map keeps every entry. clear(m), a
// pointer receiver, or returning the new map reaches the caller.

import "fmt"

func resetParam(m map[string]int) {
	m = make(map[string]int) // want GD302 `caller`
	m["fresh"] = 1
}

func clearParam(m map[string]int) {
	clear(m)
}

func resetAndReturn(m map[string]int) map[string]int {
	m = make(map[string]int)
	return m
}

type Cache struct {
	items map[string]int
}

func (c Cache) Reset() {
	c.items = make(map[string]int) // want GD302 `caller`
}

func (c *Cache) Flush() {
	c.items = make(map[string]int)
}

func three() map[string]int {
	return map[string]int{"a": 1, "b": 2, "c": 3}
}

func main() {
	m := three()
	resetParam(m)
	fmt.Printf("param m = make(...): caller len: %d\n", len(m))

	clearParam(m)
	fmt.Printf("param clear(m): caller len: %d\n", len(m))

	c := Cache{items: three()}
	c.Reset()
	fmt.Printf("value receiver c.items = make(...): caller len: %d\n", len(c.items))

	c.Flush()
	fmt.Printf("pointer receiver c.items = make(...): caller len: %d\n", len(c.items))

	m = three()
	m = resetAndReturn(m)
	fmt.Printf("returned map: caller len: %d\n", len(m))
}
