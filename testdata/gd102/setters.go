package gd102

// A field set only to what a caller passes (issue 17 item 5: an unknown value assigned in one
// method does not make every write safe): a write in a method that may run first panics.
type tree struct {
	name    string
	treeSet map[string]*tree
	aliases map[string]string
}

func newTree(name string) *tree { return &tree{name: name} }

func (t *tree) startParse(set map[string]*tree, aliases map[string]string) {
	t.treeSet = set
	t.aliases = aliases
}

// Every call of add follows a startParse in the same caller (text/template's parse.Tree): silent.
func (t *tree) add() { t.treeSet[t.name] = t }

func (t *tree) Parse(set map[string]*tree) {
	t.startParse(set, map[string]string{})
	t.add()
}

// Nothing runs startParse before alias: reported.
func (t *tree) alias(from, to string) {
	t.aliases[from] = to // want GD102 `leaves aliases nil, and only \(\*tree\)\.startParse sets it \(to what its caller passes, which may be nil too\): run before that, this write panics`
}

func (t *tree) Alias(from, to string) { t.alias(from, to) }

var _ = newTree
