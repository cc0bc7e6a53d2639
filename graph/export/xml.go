package export

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// xmlWriter writes XML by hand (encoding/xml's encoder cannot stream the
// namespaced attributes GraphML and GEXF readers expect), escaping every
// value and remembering the first write error.
type xmlWriter struct {
	w   io.Writer
	err error
}

func (x *xmlWriter) raw(s ...string) {
	for _, p := range s {
		if x.err != nil {
			return
		}
		_, x.err = io.WriteString(x.w, p)
	}
}

// esc returns s escaped for XML text and attribute values; characters XML
// 1.0 cannot carry become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // never fails on a strings.Builder
	return b.String()
}

// attrValue renders an attribute value by its declared kind.
func attrValue(v interface{}) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// valued is one attribute of a node or edge with its value.
type valued struct {
	Attr
	Value interface{}
}

// nodeValues returns n's attribute values in NodeAttrs order, label and
// type included, skipping the ones it does not have.
func nodeValues(n *Node) []valued {
	var out []valued
	for _, a := range NodeAttrs {
		var v interface{}
		switch a.Name {
		case "label":
			v = n.Label
		case "type":
			v = n.Type
		default:
			var ok bool
			if v, ok = n.Attrs[a.Name]; !ok {
				continue
			}
		}
		out = append(out, valued{a, v})
	}
	return out
}

// edgeValues returns e's attribute values in EdgeAttrs order.
func edgeValues(e *Edge) []valued {
	var out []valued
	for _, a := range EdgeAttrs {
		var v interface{}
		switch a.Name {
		case "label", "type":
			v = e.Type
		case "predicate":
			v = e.Predicate
		case "article":
			if len(e.Articles) == 0 {
				continue
			}
			v = e.Article()
		case "articles":
			if len(e.Articles) == 0 {
				continue
			}
			v = strings.Join(e.Articles, " ")
		case "weight":
			v = float64(max(len(e.Articles), 1))
		case "order":
			if e.Order == 0 {
				continue
			}
			v = e.Order
		case "kind", "why":
			if v = e.Kind; a.Name == "why" {
				v = e.Why
			}
			if v == "" {
				continue
			}
		}
		out = append(out, valued{a, v})
	}
	return out
}
