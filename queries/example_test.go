package queries_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

func Example() {
	article := schema.ArticleIRI("example")
	claim := schema.ClaimIRI(article, 1)
	figure := schema.FigureIRI(claim)
	q := func(s, p string, o quad.Value) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: quad.IRI(article)}
	}
	qs := memstore.New(
		q(claim, schema.Appearance, quad.IRI(article)),
		q(claim, schema.Metric, quad.String(schema.MetricKilled)),
		q(claim, schema.AttributedTo, quad.IRI(schema.SourceIRI("sohr"))),
		q(claim, schema.HasFigure, quad.IRI(figure)),
		q(figure, schema.Min, quad.Int(27)),
		q(figure, schema.Max, quad.Int(27)),
	)

	// Short IRIs work for registered prefixes; params arrive as JSON.
	const script = `
g.V(params.article).In("<schema:appearance>").Has("<cg:metric>", params.metric).
	Tag("claim").Out("<prov:wasAttributedTo>").Tag("source").
	Back("claim").Out("<cg:figure>").Save("<cg:min>", "min").Save("<cg:max>", "max").All()
g.Emit({note: "done"})`
	n, err := queries.RunJSONL(context.Background(), qs, script, queries.RunOptions{
		Timeout: 5 * time.Second,
		Params:  map[string]interface{}{"article": "<" + article + ">", "metric": "killed"},
	}, os.Stdout)
	fmt.Println(n, err)
	// Output:
	// {"claim":"<https://claimgraph.org/id/article/example/claim/1>","id":"<https://claimgraph.org/id/article/example/claim/1/figure>","max":27,"min":27,"source":"<https://claimgraph.org/id/source/sohr>"}
	// {"note":"done"}
	// 2 <nil>
}

func ExampleRun_timeout() {
	_, err := queries.Run(context.Background(), memstore.New(), `while (true) {}`,
		queries.RunOptions{Timeout: 50 * time.Millisecond})
	fmt.Println(err)
	// Output:
	// queries: script timed out after 50ms
}
