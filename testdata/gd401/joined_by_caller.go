package gd401

import "sync"

// The spawner starts its loaders on the caller's WaitGroup and returns; the caller waits on it
// before it goes on (delve's loadBinaryInfo: `defer wg.Wait()` then `return loadElf(bi, &wg)`).
// The loaders' writes happen inside the caller's call: later readers are not concurrent with them.
type symbolTable struct {
	names map[uint64]string
	pkgs  map[string]string
}

func (t *symbolTable) loadNames(wg *sync.WaitGroup) {
	defer wg.Done()
	if t.names == nil {
		t.names = make(map[uint64]string)
	}
	for i := uint64(0); i < 8; i++ {
		t.names[i] = "sym"
	}
}

func (t *symbolTable) loadPackages(wg *sync.WaitGroup) {
	defer wg.Done()
	if t.pkgs == nil {
		t.pkgs = make(map[string]string)
	}
	t.pkgs["main"] = "example.com/main"
}

func startLoaders(t *symbolTable, wg *sync.WaitGroup, extra bool) error {
	wg.Add(1)
	go t.loadNames(wg)
	if extra {
		wg.Add(1)
		go t.loadPackages(wg)
	}
	return nil
}

func loadTable(t *symbolTable) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	return startLoaders(t, &wg, true)
}

func loadTableAndWait(t *symbolTable) {
	var wg sync.WaitGroup
	_ = startLoaders(t, &wg, false)
	wg.Wait()
}

func (t *symbolTable) lookup(addr uint64) string { return t.names[addr] }

func (t *symbolTable) packagePath(name string) string { return t.pkgs[name] }

func GoodLoadersJoinedByCaller() {
	t := &symbolTable{}
	_ = loadTable(t)
	_ = t.lookup(1) + t.packagePath("main")
	u := &symbolTable{}
	loadTableAndWait(u)
	_ = u.lookup(2)
}

// Still reported: this caller reads the map before it waits on the group it passed.
type eagerTable struct{ names map[uint64]string }

func (t *eagerTable) loadNames(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := uint64(0); i < 8; i++ {
		t.names[i] = "sym" // want GD401 `goroutine`
	}
}

func startEager(t *eagerTable, wg *sync.WaitGroup) {
	wg.Add(1)
	go t.loadNames(wg)
}

func (t *eagerTable) first() string { return t.names[0] }

func BadCallerReadsBeforeWait() {
	t := &eagerTable{names: map[uint64]string{}}
	var wg sync.WaitGroup
	defer wg.Wait()
	startEager(t, &wg)
	_ = t.first()
}
