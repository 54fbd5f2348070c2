package gd404

import (
	"context"
	"strconv"
	"sync"
)

// A gRPC service implementation, shaped as protoc-gen-go-grpc generates it (the generated types
// are declared here so the package builds without grpc): grpc-go serves every call, unary or
// streaming, on a goroutine of its own, so two calls write the map at once.
type Note struct {
	Location string
	Message  string
}

type RouteGuide_RouteChatServer interface {
	Recv() (*Note, error)
	Send(*Note) error
}

type UnimplementedRouteGuideServer struct{}

func (UnimplementedRouteGuideServer) mustEmbedUnimplementedRouteGuideServer() {}

type routeGuideServer struct {
	UnimplementedRouteGuideServer
	mu         sync.Mutex
	routeNotes map[string][]*Note
	hits       map[string]int
}

// RouteChat is the route guide example's streaming method; this one forgets the lock.
func (s *routeGuideServer) RouteChat(stream RouteGuide_RouteChatServer) error {
	for {
		in, err := stream.Recv()
		if err != nil {
			return nil
		}
		s.routeNotes[in.Location] = append(s.routeNotes[in.Location], in) // want GD404 `gRPC handler writes shared map s\.routeNotes without a lock`
	}
}

// GetFeature is a unary method: the same.
func (s *routeGuideServer) GetFeature(ctx context.Context, n *Note) (*Note, error) {
	s.hits[n.Location]++ // want GD404 `gRPC handler writes shared map s\.hits`
	return n, nil
}

// Locked is how the example does it.
func (s *routeGuideServer) RecordRoute(ctx context.Context, n *Note) (*Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routeNotes[n.Location] = append(s.routeNotes[n.Location], n)
	return n, nil
}

// Not an RPC: no context, no stream (called by main before serving).
func (s *routeGuideServer) Seed(notes []*Note) {
	for _, n := range notes {
		s.routeNotes[n.Location] = append(s.routeNotes[n.Location], n)
	}
}

type notes struct {
	mu   sync.Mutex
	left []*Note
}

func (n *notes) Recv() (*Note, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.left) == 0 {
		return nil, context.Canceled
	}
	x := n.left[0]
	n.left = n.left[1:]
	return x, nil
}

func (n *notes) Send(*Note) error { return nil }

func stream(k int) *notes {
	s := &notes{}
	for i := 0; i < 500; i++ {
		s.left = append(s.left, &Note{Location: strconv.Itoa(k*1000 + i)})
	}
	return s
}

// What grpc-go does: one goroutine per call.
func calls(f func(k int)) {
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(k)
		}()
	}
	wg.Wait()
}

func BadRouteChatStreams() {
	s := &routeGuideServer{routeNotes: map[string][]*Note{}, hits: map[string]int{}}
	calls(func(k int) { _ = s.RouteChat(stream(k)) })
}

func BadUnaryCalls() {
	s := &routeGuideServer{routeNotes: map[string][]*Note{}, hits: map[string]int{}}
	calls(func(k int) {
		for i := 0; i < 500; i++ {
			_, _ = s.GetFeature(context.Background(), &Note{Location: strconv.Itoa(k*1000 + i)})
		}
	})
}

func GoodLockedRPCs() {
	s := &routeGuideServer{routeNotes: map[string][]*Note{}, hits: map[string]int{}}
	s.Seed([]*Note{{Location: "a"}})
	calls(func(k int) {
		_, _ = s.RecordRoute(context.Background(), &Note{Location: strconv.Itoa(k)})
	})
}
