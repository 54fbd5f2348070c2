package gd202

import "log"

type broadcast struct{ n int }

func (b *broadcast) stop() { b.n = 0 }

// The delete is followed, on every path, by leaving the loop: no entry is skipped, because there
// is no next iteration (etcd's watch_broadcasts.go coalesce loop).
func coalesce(m map[*broadcast]struct{}, into *broadcast) {
	for b := range m {
		if b == into {
			continue
		}
		if b.n <= into.n {
			delete(m, into)
			into.stop()
			log.Print("coalesced")
			break
		}
	}
}

// Still reported: after the delete the loop goes on to the next entry.
func dropPartner(m map[string]string) {
	for k, partner := range m {
		delete(m, partner) // want GD202 `removes another key`
		log.Print(k)
	}
}
