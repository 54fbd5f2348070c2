package syntax

// Go 1.24: generic type aliases (go/types gates them at 1.23 behind GOEXPERIMENT=aliastypeparams,
// on by default since 1.24).
type Set[K comparable] = map[K]struct{}

func Members(keys ...string) Set[string] {
	s := Set[string]{}
	for _, k := range keys {
		s[k] = struct{}{}
	}
	return s
}
