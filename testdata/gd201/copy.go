package gd201

import "maps"

// maps.Copy (and, from Go 1.23, maps.Insert) into the map being ranged add keys the loop may or may not visit.
func MergeDefaults(m, defaults map[string]int) {
	for k, v := range m {
		if v == 0 {
			maps.Copy(m, defaults) // want GD201 `maps\.Copy\(m, \.\.\.\) during range over m may add keys`
		}
		_ = k
	}
}

// Into another map, from the ranged map, into itself, or right before leaving the loop: fine.
func CopyElsewhere(m, out map[string]int) {
	for k := range m {
		maps.Copy(out, m)
		maps.Copy(m, m)
		if k == "stop" {
			maps.Copy(m, out)
			break
		}
	}
}
