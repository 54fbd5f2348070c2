package gd105

import (
	"encoding/json"
	"strings"
)

// Not reported: the field is made or checked between the decode and the write, a method of the
// value runs first (it may set defaults), the value came from a constructor, or the package
// checks the field against nil elsewhere (it plans for a missing key).
type Options struct {
	Tags   map[string]string `json:"tags"`
	Extras map[string]string `json:"extras"`
	Env    map[string]string `json:"env"`
	cache  map[string]int
}

func (o *Options) setDefaults() {
	if o.cache == nil {
		o.cache = map[string]int{}
	}
}

func defaultOptions() *Options { return &Options{cache: map[string]int{}} }

func LoadTags(data []byte) (*Options, error) {
	var o Options
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, err
	}
	if o.Tags == nil {
		o.Tags = map[string]string{}
	}
	o.Tags["loaded"] = "yes"
	return &o, nil
}

func LoadWithDefaults(data []byte) (*Options, error) {
	var o Options
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, err
	}
	o.setDefaults()
	o.cache["loads"]++
	return &o, nil
}

func LoadOverDefaults(data []byte) (*Options, error) {
	o := defaultOptions()
	if err := json.Unmarshal(data, o); err != nil {
		return nil, err
	}
	o.cache["loads"]++
	return o, nil
}

// Extras is checked against nil in the package: a missing key is a case it handles.
func HasExtras(o *Options) bool { return o.Extras != nil }

func LoadExtras(data []byte) (*Options, error) {
	var o Options
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, err
	}
	o.Extras["loaded"] = "yes"
	return &o, nil
}

// Env is filled before the decode, and the decode keeps what is there.
func LoadEnv(text string) (*Options, error) {
	o := &Options{Env: map[string]string{"HOME": "/"}}
	if err := json.NewDecoder(strings.NewReader(text)).Decode(o); err != nil {
		return nil, err
	}
	o.Env["loaded"] = "yes"
	return o, nil
}

func GoodOptions() {
	_, _ = LoadTags([]byte(`{}`))
	_, _ = LoadWithDefaults([]byte(`{}`))
	_, _ = LoadOverDefaults([]byte(`{}`))
	_, _ = LoadEnv(`{}`)
	_ = HasExtras(&Options{})
}
