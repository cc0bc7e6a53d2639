package queries

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// boundConcat rewrites a script so that no string concatenation can build a
// string much over MaxStringLength: a concatenation is one copy in Go that no
// interrupt reaches, and `s = s + s` doubles its length (and time) at each
// step. The operands of every + whose operands are both non-literal, the
// right side of every +=, and every substitution of a template literal pass
// through __cg_o(value, share), which converts an object to its primitive
// value as + would, and throws a RangeError when a string is longer than
// MaxStringLength/share; s += e becomes s += __cg_o(s, e, 1), which checks
// both lengths together. A + with a literal operand is left alone: it grows
// a string by the literal's length only, one interruptible step at a time.
//
// Only text is inserted, never a line break, so line numbers in errors stay
// the script's own. A script that uses the reserved prefix __cg_ or a with
// statement (which could shadow __cg_o) is refused, and so is one with a name
// that is not plain ASCII (goja's positions would put an insertion off). A script that does not
// parse is returned unchanged, for goja to report its syntax error.
func boundConcat(script string) (string, error) {
	prog, err := parse(script)
	if errors.Is(err, errParserPanic) {
		return "", err
	}
	if err != nil {
		return script, nil
	}
	w := &concatWalker{src: script}
	if err := w.walk(reflect.ValueOf(prog)); err != nil {
		return "", err
	}
	if len(w.wraps) == 0 {
		return script, nil
	}
	masked, trivia := w.masked()
	match := matchParens(masked)
	type edit struct {
		pos  int
		text string
		open bool
	}
	var edits []edit
	for _, x := range w.wraps {
		// goja ends a regexp literal with flags, and every node that ends
		// with one, after the blanks and comments that follow it (a + /x/g
		// // c), or a byte short at the end of the script (a + /x/g): a
		// node that holds the start of a regexp literal holds all of it,
		// and no node ends in a blank or a comment
		for _, re := range w.regexps {
			if re.from >= x.from && re.from < x.to && re.to > x.to {
				x.to = re.to
			}
		}
		for x.to > x.from && trivia[x.to-1] {
			x.to--
		}
		i0, i1 := balance(x.from, x.to, match)
		edits = append(edits, edit{i0, x.open, true}, edit{i1, fmt.Sprintf(", %d)", x.share), false})
	}
	// at one position, close what ends there before opening what starts
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].pos != edits[j].pos {
			return edits[i].pos < edits[j].pos
		}
		return !edits[i].open && edits[j].open
	})
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(script[last:e.pos])
		b.WriteString(e.text)
		last = e.pos
	}
	b.WriteString(script[last:])
	return b.String(), nil
}

// errParserPanic marks a script on which goja's parser panics ("var[...[0"
// indexes a slice out of range in its binding patterns): goja would panic
// again compiling it, in the process that runs the query, so the script is
// refused instead.
var errParserPanic = errors.New("queries: script: goja's parser fails on this script; rewrite it (claimgraph query limits)")

// parse is goja's parser.ParseFile, with a panic in the parser returned as
// an error wrapping errParserPanic.
func parse(script string) (prog *ast.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("%w: %v", errParserPanic, r)
		}
	}()
	return parser.ParseFile(nil, "", script, 0)
}

// span is a node's text, to be wrapped as open + text + ", share)".
type span struct {
	from, to, share int
	open            string
}

type concatWalker struct {
	src      string
	wraps    []span
	literals []span // string, regexp and template text, masked before matching parentheses
	regexps  []span // regexp literals, /pattern/flags
	seen     map[seenKey]bool
}

type seenKey struct {
	t reflect.Type
	p uintptr
}

// offsets converts a node's goja positions (1-based) into byte offsets of src.
func (w *concatWalker) offsets(n ast.Node) (int, int) {
	return start(n), end(n)
}

// end returns the byte offset where node n ends. goja ends a postfix ++ or
// -- two bytes after its operand, so A ++ + A (blanks or a comment before
// the operator) was wrapped as "A +", cutting the operator in two. end
// follows the sub-nodes n ends with down to such an operator and ends
// after it, at its own position.
func end(n ast.Node) int {
	to := int(n.Idx1()) - 1
	for n != nil {
		var right ast.Node
		switch x := n.(type) {
		case *ast.UnaryExpression:
			if x.Postfix {
				return int(x.Idx) - 1 + 2
			}
			right = x.Operand
		case *ast.BinaryExpression:
			right = x.Right
		case *ast.AssignExpression:
			right = x.Right
		case *ast.ConditionalExpression:
			right = x.Alternate
		case *ast.SequenceExpression:
			if len(x.Sequence) > 0 {
				right = x.Sequence[len(x.Sequence)-1]
			}
		case *ast.ArrowFunctionLiteral:
			if b, ok := x.Body.(*ast.ExpressionBody); ok {
				right = b.Expression
			}
		case *ast.YieldExpression:
			right = x.Argument
		case *ast.AwaitExpression:
			right = x.Argument
		}
		if right == nil || reflect.ValueOf(right).IsNil() {
			break
		}
		n = right
	}
	return to
}

// start returns the byte offset where node n begins. goja starts a node
// like a + b or f(x) where its leftmost sub-node starts, and a tagged
// template at its quote, not at its tag: so a + `a“b` was wrapped from the
// second quote, cutting the tag off its template. start follows the
// leftmost sub-nodes down and keeps the first offset.
func start(n ast.Node) int {
	from := int(n.Idx0()) - 1
	for n != nil {
		var left ast.Node
		switch x := n.(type) {
		case *ast.TemplateLiteral:
			if x.Tag != nil {
				left = x.Tag
			}
		case *ast.AssignExpression:
			left = x.Left
		case *ast.BinaryExpression:
			left = x.Left
		case *ast.BracketExpression:
			left = x.Left
		case *ast.CallExpression:
			left = x.Callee
		case *ast.ConditionalExpression:
			left = x.Test
		case *ast.DotExpression:
			left = x.Left
		case *ast.PrivateDotExpression:
			left = x.Left
		case *ast.SequenceExpression:
			if len(x.Sequence) > 0 {
				left = x.Sequence[0]
			}
		case *ast.UnaryExpression:
			if x.Postfix {
				left = x.Operand
			}
		case *ast.OptionalChain:
			left = x.Expression
		case *ast.Optional:
			left = x.Expression
		}
		if left == nil || reflect.ValueOf(left).IsNil() {
			break
		}
		from = min(from, int(left.Idx0())-1)
		n = left
	}
	return from
}

func (w *concatWalker) wrap(n ast.Node, share int) {
	w.wrapWith(n, share, "__cg_o(")
}

func (w *concatWalker) wrapWith(n ast.Node, share int, open string) {
	from, to := w.offsets(n)
	if from >= 0 && to <= len(w.src) && from < to {
		w.wraps = append(w.wraps, span{from, to, share, open})
	}
}

func isLiteral(e ast.Expression) bool {
	switch x := e.(type) {
	case *ast.StringLiteral, *ast.NumberLiteral, *ast.BooleanLiteral, *ast.NullLiteral:
		return true
	case *ast.TemplateLiteral:
		return x.Tag == nil && len(x.Expressions) == 0
	}
	return false
}

func (w *concatWalker) visit(n interface{}) error {
	switch x := n.(type) {
	case *ast.WithStatement:
		return fmt.Errorf("queries: script: a with statement is not allowed (claimgraph query limits)")
	case *ast.Identifier:
		name := x.Name.String()
		if strings.HasPrefix(name, "__cg_") {
			return fmt.Errorf("queries: script: the name %s is reserved (claimgraph query limits)", name)
		}
		// goja's end of an identifier counts its decoded name, not its text:
		// with a non-ASCII letter or an escape they differ, and a node's
		// end, where the rewrite inserts, would be wrong
		if from := int(x.Idx) - 1; from >= 0 && !strings.HasPrefix(w.src[from:], name) {
			return fmt.Errorf("queries: script: the name at offset %d is not plain text %q: write names in ASCII letters, digits, _ and $ (claimgraph query limits)", from, name)
		}
		for _, r := range name {
			if r >= 0x80 {
				return fmt.Errorf("queries: script: the name %s is not ASCII: write names in ASCII letters, digits, _ and $ (claimgraph query limits)", name)
			}
		}
	case *ast.StringLiteral:
		w.literals = append(w.literals, span{from: int(x.Idx) - 1, to: int(x.Idx) - 1 + len(x.Literal)})
	case *ast.RegExpLiteral:
		// /pattern/flags: goja's Literal (and so the end of every node that
		// ends with it) runs on over the blanks and comments after the
		// flags, or at the end of the script stops a byte short of it
		from := int(x.Idx) - 1
		re := span{from: from, to: from + 2 + len(x.Pattern) + len(x.Flags)}
		w.literals = append(w.literals, re)
		w.regexps = append(w.regexps, re)
	case *ast.TemplateElement:
		w.literals = append(w.literals, span{from: int(x.Idx) - 1, to: int(x.Idx) - 1 + len(x.Literal)})
	case *ast.BinaryExpression:
		if x.Operator == token.PLUS && !isLiteral(x.Left) && !isLiteral(x.Right) {
			w.wrap(x.Left, 2)
			w.wrap(x.Right, 2)
		}
	case *ast.AssignExpression:
		if (x.Operator == token.ADD_ASSIGN || x.Operator == token.PLUS) && !isLiteral(x.Right) {
			if id, ok := x.Left.(*ast.Identifier); ok {
				// s += e: the sum of both lengths is checked before the copy
				w.wrapWith(x.Right, 1, "__cg_o("+string(id.Name)+", ")
			} else {
				w.wrap(x.Right, 2)
			}
		}
	case *ast.TemplateLiteral:
		if x.Tag == nil {
			for _, e := range x.Expressions {
				w.wrap(e, len(x.Expressions))
			}
		}
	}
	return nil
}

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// walk visits every node reachable from v.
func (w *concatWalker) walk(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Ptr:
		if v.IsNil() {
			return nil
		}
		if w.seen == nil {
			w.seen = map[seenKey]bool{}
		}
		k := seenKey{v.Type(), v.Pointer()}
		if w.seen[k] {
			return nil
		}
		w.seen[k] = true
		if v.Type().Implements(nodeType) {
			if err := w.visit(v.Interface()); err != nil {
				return err
			}
		}
		return w.walk(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return w.walk(v.Elem())
	case reflect.Struct:
		if v.CanAddr() && reflect.PointerTo(v.Type()).Implements(nodeType) && v.Type() == reflect.TypeOf(ast.Identifier{}) {
			if err := w.visit(v.Addr().Interface()); err != nil {
				return err
			}
		}
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if err := w.walk(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if err := w.walk(v.Index(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// masked is src with literal text and comments blanked, so that the
// parentheses left are the syntax's own; trivia marks the bytes outside
// literals that are blanks or comments.
func (w *concatWalker) masked() (m []byte, trivia []bool) {
	m = []byte(w.src)
	inLiteral := make([]bool, len(m))
	for _, l := range w.literals {
		for i := max(l.from, 0); i < min(l.to, len(m)); i++ {
			m[i] = ' '
			inLiteral[i] = true
		}
	}
	trivia = make([]bool, len(m))
	for i := 0; i < len(m); i++ {
		switch {
		case inLiteral[i]:
		case i+1 < len(m) && m[i] == '/' && m[i+1] == '/':
			for ; i < len(m) && m[i] != '\n'; i++ {
				m[i] = ' '
				trivia[i] = true
			}
			i--
		case i+1 < len(m) && m[i] == '/' && m[i+1] == '*':
			end := strings.Index(string(m[i+2:]), "*/")
			if end < 0 {
				end = len(m) - i - 2
			}
			j := i
			for ; j < min(i+2+end+2, len(m)); j++ {
				m[j] = ' '
				trivia[j] = true
			}
			i = j - 1
		default:
			// JavaScript's blanks and line ends: Unicode spaces and the BOM
			r, n := utf8.DecodeRune(m[i:])
			if unicode.IsSpace(r) || r == '\ufeff' {
				for j := i; j < i+n; j++ {
					trivia[j] = true
				}
			}
			i += n - 1
		}
	}
	return m, trivia
}

// matchParens maps the offset of every parenthesis to its partner's.
func matchParens(m []byte) map[int]int {
	match := map[int]int{}
	var stack []int
	for i, c := range m {
		switch c {
		case '(':
			stack = append(stack, i)
		case ')':
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				match[o], match[i] = i, o
			}
		}
	}
	return match
}

// balance widens [from, to) until every parenthesis in it has its partner in
// it: a node's first position is that of its first sub-node, inside that
// sub-node's parentheses when it has them, as in (a) ? b : c.
func balance(from, to int, match map[int]int) (int, int) {
	for changed := true; changed; {
		changed = false
		for p, q := range match {
			if p >= from && p < to && (q < from || q >= to) {
				from, to = min(from, q), max(to, q+1)
				changed = true
			}
		}
	}
	return from, to
}
