package gd104

import "errors"

// Nil only with an error: a caller that checks err never writes the nil map.
func load(ok bool) (map[string]int, error) {
	if !ok {
		return nil, errors.New("not found")
	}
	return map[string]int{}, nil
}

func GoodLoad() {
	m, err := load(true)
	if err != nil {
		return
	}
	m["n"] = 1
}

// Nil in, nil out: the caller's own nil comes back.
func cloneMap(m map[string]int) map[string]int {
	if m == nil {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func GoodClone() {
	c := cloneMap(map[string]int{"a": 1})
	c["b"] = 2
}

type config struct{ tags map[string]string }

// A nil receiver gives a nil map: a method guarding its receiver.
func (c *config) Tags() map[string]string {
	if c == nil {
		return nil
	}
	if c.tags == nil {
		c.tags = map[string]string{}
	}
	return c.tags
}

func GoodTags() {
	c := &config{}
	t := c.Tags()
	t["env"] = "prod"
}

// Behind a nil check: the write is reached only with a made map.
type store struct{ byName map[string]map[string]int }

func (s *store) get(name string) map[string]int {
	if m, ok := s.byName[name]; ok {
		return m
	}
	return nil
}

func GoodChecked() {
	s := &store{byName: map[string]map[string]int{}}
	m := s.get("x")
	if m == nil {
		m = make(map[string]int)
	}
	m["n"]++
}

func GoodCheckedEarly() {
	s := &store{byName: map[string]map[string]int{"x": {}}}
	m := s.get("x")
	if m == nil {
		return
	}
	m["n"]++
}

// Reassigned from a made map before the write.
func GoodReplaced() {
	s := &store{byName: map[string]map[string]int{}}
	m := s.get("x")
	_ = len(m)
	m = map[string]int{}
	m["n"] = 1
}

// The comma-ok convention: false says there is no map.
func find(m map[string]map[string]int, k string) (map[string]int, bool) {
	v, ok := m[k]
	if !ok {
		return nil, false
	}
	return v, true
}

func GoodFind() {
	v, ok := find(map[string]map[string]int{"a": {}}, "a")
	if !ok {
		return
	}
	v["n"] = 1
}

// Errors in a slice still say "stop".
func loadAll(names []string) (map[string]int, []error) {
	if len(names) > 3 {
		return nil, []error{errors.New("too many")}
	}
	return map[string]int{}, nil
}

func GoodLoadAll() {
	m, errs := loadAll([]string{"a"})
	if errs != nil {
		return
	}
	m["a"] = 1
}
