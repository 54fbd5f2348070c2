package gd001

// A file-wide directive that matches nothing in its file is reported at the directive.
//lint:file-ignore GD202 legacy code, reviewed // want GD001 `matched no finding`

func lookups(m map[string]int, keys []string) int {
	n := 0
	for _, k := range keys {
		n += m[k]
	}
	return n
}
