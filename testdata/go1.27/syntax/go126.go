package syntax

// Go 1.26: new(expr) allocates a variable holding the value of expr.
type Options struct {
	Retries *int
	Name    *string
	Tags    *map[string]string
}

func Defaults(name string) Options {
	return Options{
		Retries: new(3),
		Name:    new(name + "-default"),
		Tags: new(map[string]string{
			"owner": name,
		}),
	}
}
