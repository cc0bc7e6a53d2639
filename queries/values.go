package queries

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
)

// resultValue renders one raw Gizmo result as Cayley's JSON collation does:
// an emitted value as itself, a tag set as a map of tag name to node.
func resultValue(qs cgraph.QuadStore, r *gizmo.Result) (interface{}, error) {
	if r.Val != nil {
		return jsonValue(r.Val)
	}
	m := make(map[string]interface{}, len(r.Tags))
	for k, ref := range r.Tags {
		if v := qs.NameOf(ref); v != nil {
			m[k] = nodeValue(v)
		}
	}
	return m, nil
}

// nodeValue renders a node as Cayley's JSON collation does: its native Go
// value when it has one (string, int64, float64, bool, time.Time), else its
// N-Quads form (IRIs "<...>", blank nodes "_:x", unknown typed literals).
func nodeValue(v quad.Value) interface{} {
	out := v.Native()
	if _, ok := out.(quad.Value); ok {
		return quad.StringOf(v)
	}
	return out
}

// jsonValue turns a value exported from the script's VM into JSON-ready data.
func jsonValue(x interface{}) (interface{}, error) {
	switch v := x.(type) {
	case nil, bool, string, int64, int, time.Time:
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%v is not a JSON number", v)
		}
		return v, nil
	case quad.Value:
		return nodeValue(v), nil
	case map[string]interface{}:
		out := make(map[string]interface{}, len(v))
		for k, e := range v {
			j, err := jsonValue(e)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", k, err)
			}
			out[k] = j
		}
		return out, nil
	case []interface{}:
		out := make([]interface{}, len(v))
		for i, e := range v {
			j, err := jsonValue(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = j
		}
		return out, nil
	}
	// Go values handed to the script by Gizmo (ToArray's []map[string]interface{},
	// TagArray, ...) come back as themselves: walk them generically.
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]interface{}, rv.Len())
		for i := range out {
			j, err := jsonValue(rv.Index(i).Interface())
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = j
		}
		return out, nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		out := make(map[string]interface{}, rv.Len())
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			j, err := jsonValue(rv.MapIndex(k).Interface())
			if err != nil {
				return nil, fmt.Errorf("%q: %w", k.String(), err)
			}
			out[k.String()] = j
		}
		return out, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), nil
	case reflect.Float32:
		return jsonValue(rv.Float())
	}
	return nil, fmt.Errorf("%T is not JSON data (emit tag maps, strings, numbers, booleans, arrays or objects; call .All() or .ToArray() on a path)", x)
}
