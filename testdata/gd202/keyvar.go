package gd202

import "strings"

// The delete names the loop key variable, but that identifier no longer
// holds the current key: it is shadowed, or it was reassigned earlier in the
// body.

type User struct {
	Name  string
	Alias string
}

// Shadowed by a short variable declaration in the body.
func normalize(users map[string]User) {
	for name, u := range users {
		name := strings.TrimSpace(name)
		if name == "" {
			delete(users, name) // want GD202 `removes another key`
		}
		_ = u
	}
}

// Shadowed in an enclosing block inside the body.
func dropCanonical(users map[string]User) {
	for name, u := range users {
		if u.Alias != "" && u.Alias != name {
			name := u.Alias
			delete(users, name) // want GD202 `removes another key`
		}
	}
}

// Reassigned before the delete.
func dropResolved(users map[string]User) {
	for name, u := range users {
		if u.Alias != "" {
			name = u.Alias
		}
		delete(users, name) // want GD202 `removes another key`
	}
}

// Incremented before the delete.
func dropNextSlot(slots map[int]bool) {
	for id, free := range slots {
		if !free {
			id++
			delete(slots, id) // want GD202 `removes another key`
		}
	}
}

// --- Not reported: the identifier still denotes the current key. ---

// The shadowing declaration is in a block that has ended before the delete.
func dropAfterInnerShadow(users map[string]User, seen map[string]bool) {
	for name, u := range users {
		if u.Alias != "" {
			name := u.Alias
			seen[name] = true
		}
		delete(users, name)
	}
}

// A nested loop declares its own `name`, over a different map; after it
// ends, `name` is the outer key again.
func dropAfterInnerLoop(users map[string]User, groups map[string][]string) {
	for name := range users {
		for name := range groups {
			_ = name
		}
		delete(users, name)
	}
}

// The key is reassigned only after the delete.
func rename(users map[string]User, renamed map[string]User) {
	for name, u := range users {
		delete(users, name)
		name = strings.ToUpper(name)
		renamed[name] = u
	}
}
