package gd101

// registry is declared here without a value, and nothing in the package ever makes it; the write
// in registry_use.go names this file as where the map became nil.
var registry map[string]func()
