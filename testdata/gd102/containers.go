package gd102

// A struct value stored in a map literal, read back and written through (issue 17 item 6): the
// map's elements are copies, and the literal leaves tags nil.
type preset struct {
	name string
	tags map[string]string
}

var presets = map[string]preset{
	"fast": {name: "fast"},
	"safe": {name: "safe"},
}

func tagPreset(k, tag string) {
	p := presets[k]
	p.tags[tag] = "on" // want GD102 `p\.tags is written without a nil check, but the preset value \{\.\.\.\} of a map literal at .*containers\.go:11 leaves tags nil`
}

// Not reported: the literal's values make the map.
type profile struct {
	limits map[string]int
}

var profiles = map[string]profile{
	"small": {limits: map[string]int{"cpu": 1}},
}

func limitProfile(k string, n int) {
	p := profiles[k]
	p.limits["cpu"] = n
}
