package gd101

func register(name string, fn func()) {
	registry[name] = fn // want `declared without a value at .*registry_decl\.go:5 and never made`
}
