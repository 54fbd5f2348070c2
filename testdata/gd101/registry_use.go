package gd101

func register(name string, fn func()) {
	registry[name] = fn // want GD101 `declared without a value at .*registry_decl\.go:5 and never made`
}
