package syntax

// Go 1.23: range over a function (an iterator).
func Evens(limit int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < limit; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func SumEvens(limit int) (sum int) {
	for v := range Evens(limit) {
		sum += v
	}
	return sum
}
