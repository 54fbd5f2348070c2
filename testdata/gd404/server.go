package gd404

import (
	"net/http"
	"sync"
)

// SessionServer registers its methods as handlers: they write the
// receiver's map.
type SessionServer struct {
	sessions map[string]string
	uploads  map[string]int
	mux      *http.ServeMux
}

func NewSessionServer() *SessionServer {
	s := &SessionServer{sessions: map[string]string{}, uploads: map[string]int{}, mux: http.NewServeMux()}
	s.mux.HandleFunc("/login", s.login)
	s.mux.HandleFunc("/logout", s.logout)
	s.mux.Handle("/upload", http.HandlerFunc(s.upload))
	return s
}

func (s *SessionServer) login(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	s.sessions["tok-"+user] = user // want GD404 `handler`
}

func (s *SessionServer) logout(w http.ResponseWriter, r *http.Request) {
	delete(s.sessions, r.URL.Query().Get("token")) // want GD404 `handler`
}

func (s *SessionServer) upload(w http.ResponseWriter, r *http.Request) {
	s.uploads[r.URL.Query().Get("user")]++ // want GD404 `handler`
}

// RateLimiter is an http.Handler: ServeHTTP writes the receiver's map.
type RateLimiter struct {
	counts map[string]int
	limit  int
	next   http.Handler
}

func NewRateLimiter(next http.Handler, limit int) *RateLimiter {
	return &RateLimiter{counts: map[string]int{}, limit: limit, next: next}
}

func (l *RateLimiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.counts[r.RemoteAddr]++ // want GD404 `handler`
	if l.counts[r.RemoteAddr] > l.limit {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	l.next.ServeHTTP(w, r)
}

// The lock is released before the second write.
type Quota struct {
	mu   sync.Mutex
	used map[string]int
	last map[string]string
}

func NewQuota() *Quota { return &Quota{used: map[string]int{}, last: map[string]string{}} }

func (q *Quota) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	q.mu.Lock()
	q.used[user]++
	q.mu.Unlock()
	q.last[user] = r.URL.Path // want GD404 `handler`
}
