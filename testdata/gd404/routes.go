package gd404

import (
	"net/http"

	"golintdelete.test/gd404/router"
)

// A handler registered on another package's router (gorilla/mux's r.HandleFunc).
var routeHits = map[string]int{}

func BadRouterHandler() {
	r := router.New()
	r.HandleFunc("/hit", func(w http.ResponseWriter, req *http.Request) {
		routeHits[req.URL.Path]++ // want GD404 `HTTP handler writes shared map routeHits`
	})
	serve(r, 200, "/hit", "/hit", "/hit")
}

// Not a handler: an event bus's Handle takes no http.ResponseWriter.
var busCounts = map[string]int{}

func GoodBusHandler() {
	b := router.NewBus()
	b.Handle("login", func(user string) {
		busCounts[user]++
	})
	b.Publish("login", "ann")
}
