// Package gd105 is the contract for rule GD105 (decoded-map-write): a write to a map field of a
// value a decoder just filled, which the decoder leaves nil.
package gd105

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"strings"
)

// Config is decoded from JSON; Labels is optional in the input, and hits is for bookkeeping.
type Config struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
	hits   map[string]int
}

func LoadConfig(data []byte) (*Config, error) {
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	c.Labels["loaded-by"] = "gd105" // want GD105 `c\.Labels is written after json\.Unmarshal\(\.\.\.\) at line 22 filled c, with no make or nil check between, and nothing in the package makes or checks Labels`
	return &c, nil
}

func ReadConfig(text string) (*Config, error) {
	c := &Config{Name: "default"}
	if err := json.NewDecoder(strings.NewReader(text)).Decode(c); err != nil {
		return nil, err
	}
	c.hits[c.Name]++ // want GD105 `c\.hits is unexported, so json \.\.\. Decode\(\.\.\.\) at line 31 never sets it, and c started with it nil \(line 30\)`
	return c, nil
}

// Stats is decoded with gob; counts is unexported, and gob never sets it.
type Stats struct {
	Total  int
	counts map[string]int
}

func DecodeStats(data []byte) (*Stats, error) {
	s := new(Stats)
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(s); err != nil {
		return nil, err
	}
	s.counts["decoded"]++ // want GD105 `s\.counts is unexported, so gob \.\.\. Decode\(\.\.\.\) at line \d+ never sets it, and s started with it nil`
	return s, nil
}

// Feed is decoded from XML, into a value made with its map.
type Feed struct {
	Title string `xml:"title"`
	seen  map[string]bool
}

func ParseFeed(data []byte) (*Feed, error) {
	f := &Feed{seen: map[string]bool{}}
	if err := xml.Unmarshal(data, f); err != nil {
		return nil, err
	}
	f.seen[f.Title] = true
	return f, nil
}

func BadLoadWithoutLabels() {
	_, _ = LoadConfig([]byte(`{"name": "x"}`))
}

func BadReadHits() {
	_, _ = ReadConfig(`{"name": "x", "labels": {"a": "b"}}`)
}

func BadDecodeStats() {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(Stats{Total: 3}); err != nil {
		panic(err)
	}
	_, _ = DecodeStats(buf.Bytes())
}

func GoodParseFeed() {
	_, _ = ParseFeed([]byte(`<feed><title>t</title></feed>`))
}
