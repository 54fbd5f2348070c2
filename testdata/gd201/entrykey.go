package gd201

// The map is keyed by a field of its value (minio's site-replication peers): an update keyed
// by a value equal to the current element's ID, under an `==` guard, overwrites the current
// entry; it adds no key.
type peer struct {
	ID       string
	Endpoint string
}

type siteState struct{ peers map[string]peer }

func (s *siteState) join(p peer) { s.peers[p.ID] = p }

func (s *siteState) editEndpoint(id, endpoint string) {
	for k := range s.peers {
		p := s.peers[k]
		if p.ID == id {
			p.Endpoint = endpoint
			s.peers[id] = p
		}
	}
}

// Still reported: no insert stores a peer under its Endpoint, so the key may be new.
func (s *siteState) indexByEndpoint() {
	for k := range s.peers {
		p := s.peers[k]
		s.peers[p.Endpoint] = p // want GD201 `may add a key`
	}
}
