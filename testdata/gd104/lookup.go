package gd104

import "errors"

func BadUnknownGroup() {
	r := &registry{groups: map[string]map[string]int{}}
	g := r.group("web")
	g["replicas"] = 3 // want GD104 `comes from r\.group\(\.\.\.\) at line \d+, which returns a nil map at .*registry\.go:12`
}

func GoodKnownGroupChecked() {
	r := &registry{groups: map[string]map[string]int{"web": {}}}
	g := r.group("web")
	if g == nil {
		g = map[string]int{}
		r.groups["web"] = g
	}
	g["replicas"] = 3
}

// A nil map with a nil error: the caller's err check does not protect the write.
func parseLabels(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	if s == "!" {
		return nil, errors.New("bad labels")
	}
	return map[string]string{"raw": s}, nil
}

func BadEmptyLabels() {
	labels, err := parseLabels("")
	if err != nil {
		return
	}
	labels["source"] = "default" // want GD104 `returns a nil map with a nil error at line 24`
}
