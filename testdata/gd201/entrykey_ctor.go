package gd201

// The map is keyed by two fields of its value, set by a constructor from its options
// (prometheus's rule manager): the loop rebuilds the same key from the current element, so
// storing under it replaces the current entry and adds no key.
type ruleGroup struct {
	name, file string
	rules      []string
}

type groupOptions struct {
	Name, File string
	Rules      []string
}

func newRuleGroup(o groupOptions) *ruleGroup {
	rules := o.Rules
	if rules == nil {
		rules = []string{}
	}
	return &ruleGroup{name: o.Name, file: o.File, rules: rules}
}

func groupKey(file, name string) string { return file + ";" + name }

func loadGroups(files map[string][]string) map[string]*ruleGroup {
	groups := make(map[string]*ruleGroup)
	for fn, names := range files {
		for _, n := range names {
			groups[groupKey(fn, n)] = newRuleGroup(groupOptions{Name: n, File: fn})
		}
	}
	return groups
}

func keepOld(groups, old map[string]*ruleGroup) {
	for _, g := range groups {
		gn := groupKey(g.file, g.name)
		if o, ok := old[gn]; ok {
			groups[gn] = o
		}
	}
}

// Still reported: the key swaps the fields, which no insert does, so it may be a new key.
func keepSwapped(groups, old map[string]*ruleGroup) {
	for _, g := range groups {
		gn := groupKey(g.name, g.file)
		if o, ok := old[gn]; ok {
			groups[gn] = o // want GD201 `may add a key`
		}
	}
}

// Still reported: the loop has just compared the key it rebuilds with the current one and goes
// on only when they differ (telegraf's zabbix re-keying), so the entry moves to a new key.
func rekey(groups map[string]*ruleGroup) {
	for k, g := range groups {
		gn := groupKey(g.file, g.name)
		if k == gn {
			continue
		}
		groups[gn] = g // want GD201 `may add a key`
		delete(groups, k)
	}
}
