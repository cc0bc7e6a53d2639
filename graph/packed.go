package graph

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"

	"github.com/claimgraph/claimgraph/schema"
)

// An article's quads packed into one value (the article index): the Writer
// stores, beside every label it writes, one quad
//
//	<label> <schema.Packed> "…" <label>
//
// whose object holds all the label's other quads, so that reading an
// article, or replacing or deleting it, is one lookup on its node instead of
// a scan of every subject it shares with other articles (SOHR, an outlet, a
// place: on a kv backend each of their quads is one lookup in Cayley's log).
// It is written and deleted with the quads it packs, in the same
// transaction, so it always holds exactly them.
//
// The value is a string: base64 (standard alphabet, no padding) of the
// DEFLATE compression of
//
//	version byte (packedVersion)
//	uvarint n, then n values: uvarint length, pquads.MarshalValue bytes
//	uvarint m, then m quads: four uvarints, the index+1 of the quad's
//	subject, predicate, object and label among the values (0: none)
//
// with the quads sorted by schema.SortQuads, so that the same quads pack
// to the same value.
const packedVersion = 1

// errPacked means a packed value cannot be read.
var errPacked = errors.New("graph: unreadable packed article")

// pack returns the packed value of qs, which it sorts.
func pack(qs []quad.Quad) (quad.Value, error) {
	schema.SortQuads(qs)
	z, err := PackQuads(qs)
	if err != nil {
		return nil, err
	}
	return quad.String(base64.RawStdEncoding.EncodeToString(z)), nil
}

// PackQuads returns qs, in their order, in the article index's packed
// form, compressed (the value of the packed quad before its base64);
// UnpackQuads reads them back in that order. Packed, a quad takes 11–13
// bytes (the 6.4 million linking quads of 100,000 articles 72.6 MB),
// against 64 for a quad.Quad's four interfaces alone: the full link holds
// its rendered output this way while the linker's state is collected
// (queries.Link). The article index
// packs quads sorted by schema.SortQuads, so that the same quads pack to
// the same value.
func PackQuads(qs []quad.Quad) ([]byte, error) {
	index := map[any]uint64{}
	var vals bytes.Buffer
	var quads []byte
	n := uint64(0)
	ref := func(v quad.Value) (uint64, error) {
		if v == nil {
			return 0, nil
		}
		key := any(v)
		if !reflect.TypeOf(v).Comparable() {
			key = v.String() // a quad.Sequence: no map key, its N-Quads form is
		}
		if i, ok := index[key]; ok {
			return i, nil
		}
		b, err := pquads.MarshalValue(v)
		if err != nil {
			return 0, err
		}
		n++
		index[key] = n
		var size [binary.MaxVarintLen64]byte
		vals.Write(binary.AppendUvarint(size[:0], uint64(len(b))))
		vals.Write(b)
		return n, nil
	}
	quads = binary.AppendUvarint(quads, uint64(len(qs)))
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			i, err := ref(v)
			if err != nil {
				return nil, fmt.Errorf("graph: pack quad %s: %w", q.NQuad(), err)
			}
			quads = binary.AppendUvarint(quads, i)
		}
	}
	// compressed as they are, not joined first: the copy was a fifth of
	// what rendering the largest component held at 100,000 articles
	head := binary.AppendUvarint([]byte{packedVersion}, n)
	return deflate(head, vals.Bytes(), quads)
}

// deflate returns raw, its parts joined, compressed: the same bytes
// whichever way it is cut.
func deflate(raw ...[]byte) ([]byte, error) {
	var z bytes.Buffer
	fw := flaters.Get().(*flate.Writer) // a compressor is large to make: reuse them
	defer flaters.Put(fw)
	fw.Reset(&z)
	for _, part := range raw {
		if _, err := fw.Write(part); err != nil {
			return nil, err
		}
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	// its own size, not the buffer's (up to twice it): a full link holds
	// every component's packed value until it is written (queries.Link)
	return bytes.Clone(z.Bytes()), nil
}

var flaters = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		panic(err) // only for a level out of range
	}
	return fw
}}

// unpack returns the quads packed in v, sorted by schema.SortQuads.
func unpack(v quad.Value) ([]quad.Quad, error) {
	s, ok := v.(quad.String)
	if !ok {
		return nil, fmt.Errorf("%w: a %T, not a string", errPacked, v)
	}
	z, err := base64.RawStdEncoding.DecodeString(string(s))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errPacked, err)
	}
	return UnpackQuads(z)
}

// inflater is a decompressor and the buffer it inflates into, reused
// (inflaters): a full link unpacks every article, and a new decompressor
// (a 32 KB window and its tables) and buffer each time were 5.9 of the
// 39 GB a full link of 100,000 articles allocated.
type inflater struct {
	fr  io.ReadCloser // a flate.Resetter
	src bytes.Reader
	raw bytes.Buffer
}

var inflaters = sync.Pool{New: func() any {
	f := &inflater{}
	f.fr = flate.NewReader(&f.src)
	return f
}}

// inflate returns z inflated, in f's buffer: valid until f is reused.
func (f *inflater) inflate(z []byte) ([]byte, error) {
	f.src.Reset(z)
	if err := f.fr.(flate.Resetter).Reset(&f.src, nil); err != nil {
		return nil, err
	}
	f.raw.Reset()
	if _, err := f.raw.ReadFrom(f.fr); err != nil {
		return nil, err
	}
	return f.raw.Bytes(), nil
}

// UnpackQuads returns the quads PackQuads packed into z, in their order.
func UnpackQuads(z []byte) ([]quad.Quad, error) {
	f := inflaters.Get().(*inflater)
	defer inflaters.Put(f)
	raw, err := f.inflate(z) // the values are copied out of it (pquads.UnmarshalValue)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errPacked, err)
	}
	r := packedReader{b: raw}
	if r.byte() != packedVersion {
		return nil, fmt.Errorf("%w: unknown version", errPacked)
	}
	nv := r.uvarint()
	if nv > uint64(len(raw)) {
		return nil, fmt.Errorf("%w: %d values in %d bytes", errPacked, nv, len(raw))
	}
	vals := make([]quad.Value, 0, nv)
	for i := uint64(0); i < nv && r.err == nil; i++ {
		b := r.bytes(r.uvarint())
		if r.err != nil {
			break
		}
		v, err := unmarshalValue(b)
		if err != nil {
			return nil, fmt.Errorf("%w: value %d: %v", errPacked, i+1, err)
		}
		vals = append(vals, v)
	}
	nq := r.uvarint()
	if nq > uint64(len(raw)) {
		return nil, fmt.Errorf("%w: %d quads in %d bytes", errPacked, nq, len(raw))
	}
	out := make([]quad.Quad, 0, nq)
	for i := uint64(0); i < nq && r.err == nil; i++ {
		var q [4]quad.Value
		for d := range q {
			j := r.uvarint()
			if j > uint64(len(vals)) {
				return nil, fmt.Errorf("%w: quad %d names value %d of %d", errPacked, i+1, j, len(vals))
			}
			if j > 0 {
				q[d] = vals[j-1]
			}
		}
		out = append(out, quad.Quad{Subject: q[0], Predicate: q[1], Object: q[2], Label: q[3]})
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %v", errPacked, r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes left over", errPacked, len(r.b))
	}
	return out, nil
}

// unmarshalValue is pquads.UnmarshalValue, with its panic on a value of no
// known type (a protobuf that decodes to none: "unsupported type: <nil>")
// returned as an error: a packed value read from the store is data, and a
// damaged one must fail the read of its article, not the process.
func unmarshalValue(b []byte) (v quad.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return pquads.UnmarshalValue(b)
}

// packedReader reads a packed value's fields; the first error sticks.
type packedReader struct {
	b   []byte
	err error
}

func (r *packedReader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *packedReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *packedReader) bytes(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *packedReader) fail() {
	if r.err == nil {
		r.err = io.ErrUnexpectedEOF
	}
}
