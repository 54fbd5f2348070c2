package gd101

// Maps of maps: an element of a map made empty here is a nil map until something is stored under
// its key, so writing through it panics (`m[a][b] = v` with m[a] never stored).

func BadNestedNeverStored() {
	byUser := map[string]map[string]int{}
	byUser["ann"]["logins"] = 1 // want GD101 `byUser\["ann"\] is nil on every path here \(an element of the map of maps made empty at line \d+`
}

func BadNestedMakeInLoop() {
	counts := make(map[string]map[string]int)
	for _, k := range []string{"a", "b"} {
		counts[k]["n"]++ // want GD101 `counts\[k\] is nil on every path`
	}
}

func BadNestedElementCopy() {
	byUser := map[string]map[string]int{}
	inner := byUser["ann"]
	inner["logins"] = 1 // want GD101 `inner is nil on every path here \(an element`
}

func GoodNested() {
	byUser := map[string]map[string]int{}
	for _, k := range []string{"a", "b", "a"} {
		if byUser[k] == nil {
			byUser[k] = map[string]int{}
		}
		byUser[k]["logins"]++
	}
	seeded := map[string]map[string]int{"ann": {}}
	seeded["ann"]["logins"] = 1
	other := map[string]map[string]int{}
	alias := other
	alias["ann"] = map[string]int{}
	other["ann"]["logins"] = 1
	filled := map[string]map[string]int{}
	fillNested(filled)
	filled["ann"]["logins"] = 1
}

func fillNested(m map[string]map[string]int) { m["ann"] = map[string]int{} }
