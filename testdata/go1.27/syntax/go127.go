package syntax

// Go 1.27: methods may have type parameters.
type Registry struct{ names map[string]int }

func (r *Registry) Keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Go 1.27: a struct literal may name a promoted field.
type Base struct{ ID int }

type Item struct {
	Base
	Label string
}

func NewItem(id int) Item {
	return Item{ID: id, Label: "item"}
}
