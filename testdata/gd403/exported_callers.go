package gd403

import (
	"strings"
	"sync"
)

// An exported method every call of which in the package holds the lock (nsqd's GetMetadata,
// reached only through PersistMetadata, which each caller runs under n.Lock()): the package's
// calls show the protocol, so the unlocked range inside is not a race.
type Daemon struct {
	sync.RWMutex
	topics map[string]bool
}

func (n *Daemon) AddTopic(name string) { n.Lock(); n.topics[name] = true; n.Unlock() }
func (n *Daemon) DelTopic(name string) { n.Lock(); delete(n.topics, name); n.Unlock() }

func (n *Daemon) Snapshot() []string {
	var names []string
	for name := range n.topics {
		names = append(names, name)
	}
	return names
}

func (n *Daemon) Persist() string { return strings.Join(n.Snapshot(), ",") }

func (n *Daemon) Exit() string {
	n.Lock()
	defer n.Unlock()
	return n.Persist()
}

func (n *Daemon) Notify() string {
	n.Lock()
	s := n.Persist()
	n.Unlock()
	return s
}

// Still reported: one of the package's calls holds nothing.
type Broker struct {
	sync.RWMutex
	queues map[string]bool
}

func (b *Broker) AddQueue(name string) { b.Lock(); b.queues[name] = true; b.Unlock() }
func (b *Broker) DelQueue(name string) { b.Lock(); delete(b.queues, name); b.Unlock() }

func (b *Broker) Snapshot() []string {
	var names []string
	for name := range b.queues { // want GD403 `without b\.RWMutex`
		names = append(names, name)
	}
	return names
}

func (b *Broker) Exit() []string {
	b.Lock()
	defer b.Unlock()
	return b.Snapshot()
}

func (b *Broker) Report() int { return len(b.Snapshot()) }
