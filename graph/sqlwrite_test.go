package graph_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/graph/graphtest"
	"github.com/claimgraph/claimgraph/schema"
)

// sqlRows returns the rows of Cayley's nodes and quads tables in a fixed
// order, one line each: what Cayley reads a store from. The quads' horizon
// and time stamp are left out (they differ from one load to the next).
func sqlRows(t testing.TB, dsn string) string {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, q := range []string{
		`SELECT encode(hash, 'hex'), refs, coalesce(encode(value, 'hex'), '-'), coalesce(value_string, '-'),
			coalesce(datatype, '-'), coalesce(language, '-'), coalesce(iri::text, '-'), coalesce(bnode::text, '-'),
			coalesce(value_int::text, '-'), coalesce(value_bool::text, '-'), coalesce(value_float::text, '-'),
			coalesce(value_time::text, '-')
		FROM nodes ORDER BY hash`,
		`SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			coalesce(encode(label_hash, 'hex'), '-'), count(*), '', '', '', '', '', '', ''
		FROM quads GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols := make([]string, 12)
		dest := make([]interface{}, len(cols))
		for i := range cols {
			dest[i] = &cols[i]
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			b.WriteString(strings.Join(cols, " ") + "\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// writeAll writes articles with one Writer, failing the test on an error.
func writeAll(t testing.TB, s *graph.Store, articles ...[]quad.Quad) {
	t.Helper()
	w := s.NewWriter(context.Background(), graph.WriterOptions{BatchSize: 500})
	for _, a := range articles {
		if _, err := w.WriteQuads(a); err != nil {
			t.Fatalf("WriteQuads: %v", err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// TestPostgresRowsAsCayley checks that claimgraph's SQL writer leaves
// exactly the rows Cayley's own writer leaves, node reference counts
// included, after adds, replaces (fewer claims, shared nodes) and deletes;
// with COPY (PostgreSQL) and with multi-row INSERTs (CockroachDB's way).
func TestPostgresRowsAsCayley(t *testing.T) {
	ctx := context.Background()
	var got [3]string
	for i, writer := range []string{"cayley", "claimgraph", "claimgraph-insert"} {
		s, dsn := openPostgresDSN(t)
		switch writer {
		case "cayley":
			graph.UseCayleyWriter(s)
		case "claimgraph-insert":
			graph.UseInsertWriter(s)
		}
		var v1, v2 [][]quad.Quad
		for n := 0; n < 30; n++ {
			v1 = append(v1, graphtest.Article(n, "v1", 1+n%4))
			v2 = append(v2, graphtest.Article(n, "v2", 1+(n+1)%4))
		}
		v1 = append(v1, [][]quad.Quad{{{
			Subject: quad.IRI(graphtest.ArticleIRI(99)), Predicate: quad.IRI("http://example.org/values"),
			Object: quad.Float(2.5), Label: quad.IRI(graphtest.ArticleIRI(99)),
		}, {
			Subject: quad.IRI(graphtest.ArticleIRI(99)), Predicate: quad.IRI("http://example.org/values"),
			Object: quad.LangString{Value: "nul\x00 byte", Lang: "en"}, Label: quad.IRI(graphtest.ArticleIRI(99)),
		}, {
			Subject: quad.IRI(graphtest.ArticleIRI(99)), Predicate: quad.IRI("http://example.org/values"),
			Object: quad.TypedString{Value: "2019-04-20", Type: "http://www.w3.org/2001/XMLSchema#date"}, Label: quad.IRI(graphtest.ArticleIRI(99)),
		}, {
			Subject: quad.IRI(graphtest.ArticleIRI(99)), Predicate: quad.IRI("http://example.org/values"),
			Object: quad.Bool(true), Label: quad.IRI(graphtest.ArticleIRI(99)),
		}}}...)
		writeAll(t, s, v1...)
		writeAll(t, s, v2[:20]...)
		for n := 15; n < 25; n++ {
			if _, err := s.Delete(ctx, graphtest.ArticleIRI(n)); err != nil {
				t.Fatalf("%s: Delete: %v", writer, err)
			}
		}
		got[i] = sqlRows(t, dsn)
	}
	for i, writer := range []string{"COPY", "INSERT"} {
		if got[0] != got[1+i] {
			t.Errorf("rows written with %s differ from Cayley's writer's:\n%s", writer, firstDiff(got[0], got[1+i]))
		}
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n cayley:     %s\n claimgraph: %s", i+1, x, y)
		}
	}
	return "(none)"
}

// TestPostgresConcurrentWriters writes overlapping sets of articles from
// four stores (four connections, as four loaders) at once, twice over, and
// checks that the database holds exactly the rows one sequential write of
// their union leaves: no "quad exists", no reference counted twice.
func TestPostgresConcurrentWriters(t *testing.T) {
	const writers, per = 4, 60
	article := func(n int) []quad.Quad { return graphtest.Article(n, "v1", 3) }
	_, dsn := openPostgresDSN(t)
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for round := 0; round < 2; round++ {
		for i := 0; i < writers; i++ {
			s := openStore(t, dsn)
			if i%2 == 1 {
				graph.UseInsertWriter(s) // CockroachDB's way, beside COPY
			}
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				// writer i writes articles [i*per/2, i*per/2+per): each overlaps the next
				w := s.NewWriter(context.Background(), graph.WriterOptions{BatchSize: 200})
				for n := i * per / 2; n < i*per/2+per; n++ {
					if _, err := w.WriteQuads(article(n)); err != nil {
						errs <- err
						return
					}
				}
				if err := w.Close(); err != nil {
					errs <- err
				}
			}(i)
		}
		wg.Wait()
	}
	close(errs)
	for err := range errs {
		t.Errorf("concurrent writer: %v", err)
	}
	seq, seqDSN := openPostgresDSN(t)
	var all [][]quad.Quad
	for n := 0; n < (writers-1)*per/2+per; n++ {
		all = append(all, article(n))
	}
	writeAll(t, seq, all...)
	if got, want := sqlRows(t, dsn), sqlRows(t, seqDSN); got != want {
		t.Errorf("rows after concurrent writers differ from one sequential write:\n%s", firstDiff(want, got))
	}
}

// TestPostgresRefusedArticleFailsAlone writes 42 articles in one batch, one
// of them with a time PostgreSQL cannot store (bolt can): the batch's
// transaction fails, its articles are written again one by one, and only
// that one fails, named by its origin.
func TestPostgresRefusedArticleFailsAlone(t *testing.T) {
	s := openPostgres(t)
	var written int
	w := s.NewWriter(context.Background(), graph.WriterOptions{
		OnArticle: func(graph.ArticleResult) { written++ },
	})
	const bad = 30
	for n := 0; n < 42; n++ {
		a := graphtest.Article(n, "v1", 2)
		iri := quad.IRI(graphtest.ArticleIRI(n))
		a = append(a, quad.Quad{Subject: iri, Predicate: quad.IRI(schema.Origin), Object: quad.String(fmt.Sprintf("corpus.jsonl:%d", n+1)), Label: iri})
		if n == bad {
			a = append(a, quad.Quad{Subject: iri, Predicate: quad.IRI("http://example.org/seen"), Object: quad.Time(time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC)), Label: iri})
		}
		if _, err := w.WriteQuads(a); err != nil {
			t.Fatalf("WriteQuads(article %d): %v", n, err)
		}
	}
	err := w.Close()
	var ae *graph.ArticleError
	if !errors.As(err, &ae) || ae.IRI != graphtest.ArticleIRI(bad) {
		t.Fatalf("Close = %v, want an ArticleError for article %d", err, bad)
	}
	if want := fmt.Sprintf("corpus.jsonl:%d: article %s not written: ", bad+1, graphtest.ArticleIRI(bad)); !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q: want it to start with %q", err, want)
	}
	iris, lerr := s.ArticleIRIs(context.Background())
	if lerr != nil {
		t.Fatal(lerr)
	}
	if len(iris) != 41 || written != 41 {
		t.Errorf("store holds %d articles, OnArticle reported %d; want the 41 good ones", len(iris), written)
	}
}

// TestPostgresAddsFoundThere writes, in one batch, quads another writer
// stored after this one had read the store: the batch must skip them and
// count no reference for them, with PostgreSQL's packed statements (one, or
// one per 7 quads) and with multi-row INSERTs, so that the rows are those
// of one write of each article.
func TestPostgresAddsFoundThere(t *testing.T) {
	a, b := graphtest.Article(1, "v1", 3), graphtest.Article(2, "v1", 2)
	_, wantDSN := openPostgresDSN(t)
	writeAll(t, openStore(t, wantDSN), a, b)
	want := sqlRows(t, wantDSN)
	for _, writer := range []string{"COPY", "COPY, 7 quads a statement", "INSERT"} {
		_, dsn := openPostgresDSN(t)
		late, early := openStore(t, dsn), openStore(t, dsn)
		switch writer {
		case "COPY, 7 quads a statement":
			graph.UsePackedQuadRows(late, 7)
		case "INSERT":
			graph.UseInsertWriter(late)
		}
		w := late.NewWriter(context.Background(), graph.WriterOptions{})
		// a ends when b begins: late has read the store for a and holds
		// its quads as adds
		if _, err := w.WriteQuads(append(append([]quad.Quad(nil), a...), b[0])); err != nil {
			t.Fatalf("%s: WriteQuads: %v", writer, err)
		}
		writeAll(t, early, a)
		if _, err := w.WriteQuads(b[1:]); err != nil {
			t.Fatalf("%s: WriteQuads: %v", writer, err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%s: Close: %v", writer, err)
		}
		if got := sqlRows(t, dsn); got != want {
			t.Errorf("%s: rows differ from one write of each article:\n%s", writer, firstDiff(want, got))
		}
	}
}
