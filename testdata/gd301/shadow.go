package gd301

import "log"

// Loops where `delete` is not the builtin. None may be reported.
//
// A package-level func or var named delete would shadow the builtin in every
// file of this package, so that case cannot live here; only local shadowing
// is exercised.

// A parameter named delete.
func purgeWith(m map[string]int, delete func(map[string]int, string)) {
	for k := range m {
		delete(m, k)
	}
}

// A local variable holding a func literal. Inside the literal the short
// variable declaration is not yet in scope, so that call is the builtin (and
// it is not in a range loop).
func purgeAudited(m map[string]int) {
	delete := func(m map[string]int, k string) {
		log.Printf("audit: delete %q", k)
		delete(m, k)
	}
	for k := range m {
		delete(m, k)
	}
}

// A var declaration in an enclosing block.
func purgeDryRun(m map[string]int, dryRun bool) {
	if dryRun {
		var delete = func(_ map[string]int, k string) { log.Printf("would delete %q", k) }
		for k := range m {
			delete(m, k)
		}
	}
}

// A local variable of a named func type.
type deleter func(map[string]int, string)

func purgeHooked(m map[string]int, hook deleter) {
	delete := hook
	for k := range m {
		delete(m, k)
	}
}
