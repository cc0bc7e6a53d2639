package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/schema"
)

type evalOptions struct {
	Shared    string  // the shared folder with seeds/, seeds.gold.json, corpus/
	MinSeedF1 float64 // fail below this seed figure-claim F1
	Format    string  // text or json
	Lexicon   string
	Gazetteer string
}

func newEvalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "measure extraction against the seed gold and the corpus gold with the shared scorers",
		Description: "Loads ../shared/seeds and ../shared/corpus/fakes_dev.jsonl into in-memory stores, writes\n" +
			"'claims' and 'articles' output and the seeds' contradictions and corroborations, and\n" +
			"scores them with ../shared/score_seeds.py and\n" +
			"../shared/corpus/score.py (python3). Exits 1 when the seed figure-claim F1 is below --min-seed-f1.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "shared", Value: filepath.Join("..", "shared"), Usage: "the shared folder (seeds, gold, corpus, scorers)"},
			&cli.Float64Flag{Name: "min-seed-f1", Value: 0.95, Usage: "fail when the seed figure-claim F1 is below this"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
			&cli.StringFlag{Name: "lexicon", Usage: "as for load"},
			&cli.StringFlag{Name: "gazetteer", Usage: "as for load"},
		},
		Action: func(c *cli.Context) error {
			return runEval(c.Context, c.App.Writer, evalOptions{
				Shared: c.String("shared"), MinSeedF1: c.Float64("min-seed-f1"), Format: c.String("format"),
				Lexicon: c.String("lexicon"), Gazetteer: c.String("gazetteer"),
			})
		},
	}
}

// evalResult is what eval measures.
type evalResult struct {
	Seeds  json.RawMessage `json:"seeds"`  // score_seeds.py --json
	Corpus json.RawMessage `json:"corpus"` // score.py --json
}

func runEval(ctx context.Context, w io.Writer, opt evalOptions) error {
	tmp, err := os.MkdirTemp("", "claimgraph-eval")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var res evalResult

	// seeds: claims against the seed gold, and the relations linking found
	claims := filepath.Join(tmp, "claims.jsonl")
	contra := filepath.Join(tmp, "contradictions.jsonl")
	corrob := filepath.Join(tmp, "corroborations.jsonl")
	if err := evalStore(ctx, opt, filepath.Join(opt.Shared, "seeds"), func(ctx context.Context, s *graph.Store) error {
		if err := writeFile(claims, func(w io.Writer) error { return runClaims(ctx, s, w, "jsonl", claimFilter{}) }); err != nil {
			return err
		}
		for path, name := range map[string]string{contra: "contradictions", corrob: "corroborations"} {
			if err := writeFile(path, func(w io.Writer) error {
				return runQuery(ctx, s, w, queryOptions{Name: name, Format: "jsonl"})
			}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if res.Seeds, err = python(ctx, filepath.Join(opt.Shared, "score_seeds.py"), filepath.Join(opt.Shared, "seeds.gold.json"), claims, contra, corrob, "--json"); err != nil {
		return err
	}

	// corpus: each article's lead against the crowd gold
	preds := filepath.Join(tmp, "pred.jsonl")
	if err := evalStore(ctx, opt, filepath.Join(opt.Shared, "corpus", "fakes_dev.jsonl"), func(ctx context.Context, s *graph.Store) error {
		return writeFile(preds, func(w io.Writer) error { return writePredictions(ctx, s, w) })
	}); err != nil {
		return err
	}
	if res.Corpus, err = python(ctx, filepath.Join(opt.Shared, "corpus", "score.py"), preds, filepath.Join(opt.Shared, "corpus", "fakes_dev.gold.jsonl"), "--json"); err != nil {
		return err
	}

	type relation struct {
		Precision   float64 `json:"precision"`
		GroupRecall float64 `json:"group_recall"`
	}
	var seeds struct {
		Figure    struct{ F1, Precision, Recall float64 } `json:"figure_claims"`
		Cited     struct{ Recall, Precision float64 }     `json:"cited_sources"`
		Relations struct {
			Contradictions relation `json:"contradictions"`
			Corroborations relation `json:"corroborations"`
		} `json:"relations"`
	}
	json.Unmarshal(res.Seeds, &seeds)
	if opt.Format == "json" {
		json.NewEncoder(w).Encode(res)
	} else {
		fmt.Fprintf(w, "seeds:  figure-claim F1 %.3f (P %.3f, R %.3f); cited sources R %.3f, P %.3f\n",
			seeds.Figure.F1, seeds.Figure.Precision, seeds.Figure.Recall, seeds.Cited.Recall, seeds.Cited.Precision)
		r := seeds.Relations
		fmt.Fprintf(w, "seeds:  contradictions P %.3f, group recall %.3f; corroborations P %.3f, group recall %.3f\n",
			r.Contradictions.Precision, r.Contradictions.GroupRecall, r.Corroborations.Precision, r.Corroborations.GroupRecall)
		fmt.Fprintf(w, "corpus: %s\n", corpusLine(res.Corpus))
	}
	if seeds.Figure.F1 < opt.MinSeedF1 {
		return fmt.Errorf("eval: seed figure-claim F1 %.3f is below %.3f", seeds.Figure.F1, opt.MinSeedF1)
	}
	return nil
}

// evalStore loads input into a fresh in-memory store and hands it to fn.
func evalStore(ctx context.Context, opt evalOptions, input string, fn func(context.Context, *graph.Store) error) error {
	if _, err := os.Stat(input); err != nil {
		return fmt.Errorf("eval: %w (give the shared folder with --shared)", err)
	}
	s, err := graph.Open(ctx, "mem:")
	if err != nil {
		return err
	}
	defer s.Close()
	if err := runLoad(ctx, s, loadOptions{Paths: []string{input}, Lexicon: opt.Lexicon, Gazetteer: opt.Gazetteer,
		Stdout: io.Discard, Stderr: os.Stderr, Format: "json"}); err != nil {
		return err
	}
	return fn(ctx, s)
}

// writeFile creates path and writes fn's output to it.
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writePredictions writes one corpus prediction a line, in the shape
// ../shared/corpus/score.py reads: {id, killed, location, date, sources}.
func writePredictions(ctx context.Context, s *graph.Store, w io.Writer) error {
	enc := json.NewEncoder(w)
	return eachArticle(ctx, s, func(doc *schema.Article) error {
		r := newArticleRecord(doc)
		p := map[string]interface{}{"id": r.ID, "killed": nil, "location": nil, "date": r.Published, "sources": r.SourceNames}
		if r.Admin1 != "" {
			p["location"] = r.Admin1 // where the article is, when it counts no dead
		}
		if r.Lead != nil {
			p["killed"] = r.Lead.Value
			if r.Lead.Admin1 != "" {
				p["location"] = r.Lead.Admin1
			}
			if r.Lead.Date != nil {
				p["date"] = *r.Lead.Date
			}
		}
		return enc.Encode(p)
	})
}

func python(ctx context.Context, args ...string) (json.RawMessage, error) {
	cmd := exec.CommandContext(ctx, "python3", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("eval: python3 %s: %v: %s", filepath.Base(args[0]), err, errb.String())
	}
	b := bytes.TrimSpace(out.Bytes())
	if !json.Valid(b) {
		return nil, fmt.Errorf("eval: %s printed no JSON: %s", filepath.Base(args[0]), out.String())
	}
	return b, nil
}

// corpusLine summarises score.py's JSON: killed exact, governorate on rows with
// a specific location, date on rows with a reliable date.
func corpusLine(raw json.RawMessage) string {
	var m map[string]interface{}
	if json.Unmarshal(raw, &m) != nil {
		return string(raw)
	}
	o, _ := m["overall"].(map[string]interface{})
	if o == nil {
		o = m
	}
	g := func(k string) float64 { f, _ := o[k].(float64); return f }
	return fmt.Sprintf("killed exact %.3f; governorate %.3f (rows with a specific place: %.3f); date %.3f (reliable rows: %.3f)",
		g("killed_exact"), g("location"), g("location_on_specific_subset"), g("date"), g("date_on_reliable_subset"))
}
