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
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/rows"
	"github.com/claimgraph/claimgraph/schema"
)

type evalOptions struct {
	Shared    string  // the shared folder with seeds/, seeds.gold.json, corpus/
	Judged    string  // hand judgments of the corpus's contradictions and updates ("" skips them)
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
			"scores them with ../shared/score_seeds.py and ../shared/corpus/score.py (python3);\n" +
			"scores the corpus's linked events and corroborations with ../shared/corpus/score_incidents.py\n" +
			"when incidents_dev.jsonl is there, and its contradictions and updates against the hand\n" +
			"judgments of --judged. Exits 1 when the seed figure-claim F1 is below --min-seed-f1.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "shared", Value: filepath.Join("..", "shared"), Usage: "the shared folder (seeds, gold, corpus, scorers)"},
			&cli.Float64Flag{Name: "min-seed-f1", Value: 0.95, Usage: "fail when the seed figure-claim F1 is below this"},
			&cli.StringFlag{Name: "judged", Value: filepath.Join("queries", "linking", "testdata", "judged_dev.jsonl"), Usage: "hand judgments of the dev corpus's contradictions and updates (JSONL; see docs/linking.md §4)"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
			&cli.StringFlag{Name: "lexicon", Usage: "as for load"},
			&cli.StringFlag{Name: "gazetteer", Usage: "as for load"},
		},
		Action: func(c *cli.Context) error {
			spin := newSpinner(c.App.ErrWriter, "loading the seeds and the corpus, scoring")
			defer spin.done()
			return runEval(c.Context, spin.until(c.App.Writer), evalOptions{
				Shared: c.String("shared"), Judged: c.String("judged"), MinSeedF1: c.Float64("min-seed-f1"), Format: c.String("format"),
				Lexicon: c.String("lexicon"), Gazetteer: c.String("gazetteer"),
			})
		},
	}
}

// evalResult is what eval measures.
type evalResult struct {
	Seeds  json.RawMessage `json:"seeds"`  // score_seeds.py --json
	Corpus json.RawMessage `json:"corpus"` // score.py --json
	// Incidents is score_incidents.py --json on the corpus (absent without
	// its incident gold).
	Incidents json.RawMessage `json:"incidents,omitempty"`
	// Judged counts the corpus's contradictions, updates and corroborations
	// of two or more independent origins that the hand judgments hold real,
	// false, or do not judge.
	Judged map[string]judgedCount `json:"judged,omitempty"`
}

// judgedCount is how many rows of one relation the judgments hold real or
// false, and how many they do not know.
type judgedCount struct {
	Rows      int     `json:"rows"`
	Real      int     `json:"real"`
	False     int     `json:"false"`
	Unjudged  int     `json:"unjudged"`
	Precision float64 `json:"precision"` // real / (real + false)
}

// seedScores is what eval reads of score_seeds.py's JSON.
type seedScores struct {
	Figure    struct{ F1, Precision, Recall float64 } `json:"figure_claims"`
	Cited     struct{ Recall, Precision float64 }     `json:"cited_sources"`
	Relations struct {
		Contradictions relationScore `json:"contradictions"`
		Corroborations relationScore `json:"corroborations"`
	} `json:"relations"`
}

// relationScore is score_seeds.py's score of one relation.
type relationScore struct {
	Precision   float64 `json:"precision"`
	GroupRecall float64 `json:"group_recall"`
}

// runEval scores the seeds and the corpus with the shared scorers and
// writes the scores to w, as text or JSON; it fails when the seed
// figure-claim F1 is below opt.MinSeedF1.
func runEval(ctx context.Context, w io.Writer, opt evalOptions) error {
	tmp, err := os.MkdirTemp("", "claimgraph-eval")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var res evalResult
	if res.Seeds, err = scoreSeeds(ctx, opt, tmp); err != nil {
		return err
	}
	if err := scoreCorpus(ctx, opt, tmp, &res); err != nil {
		return err
	}
	var seeds seedScores
	json.Unmarshal(res.Seeds, &seeds)
	if opt.Format == "json" {
		json.NewEncoder(w).Encode(res)
	} else {
		printEval(w, res, seeds)
	}
	if seeds.Figure.F1 < opt.MinSeedF1 {
		return fmt.Errorf("eval: seed figure-claim F1 %.3f is below %.3f", seeds.Figure.F1, opt.MinSeedF1)
	}
	return nil
}

// scoreSeeds loads the seeds and scores their claims against the seed
// gold, and the relations linking found, with score_seeds.py; it writes
// the files it scores in tmp.
func scoreSeeds(ctx context.Context, opt evalOptions, tmp string) (json.RawMessage, error) {
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
		return nil, err
	}
	return python(ctx, filepath.Join(opt.Shared, "score_seeds.py"), filepath.Join(opt.Shared, "seeds.gold.json"), claims, contra, corrob, "--json")
}

// scoreCorpus loads the corpus and scores each article's lead against the
// crowd gold (res.Corpus); its linked events and corroborations against
// the incident gold, when there is one (res.Incidents); its contradictions,
// updates and corroborations of 2+ origins against the hand judgments of opt.Judged, when given
// (res.Judged). It writes the files it scores in tmp.
func scoreCorpus(ctx context.Context, opt evalOptions, tmp string, res *evalResult) error {
	preds := filepath.Join(tmp, "pred.jsonl")
	out := func(name string) string { return filepath.Join(tmp, "corpus-"+name+".jsonl") }
	if err := evalStore(ctx, opt, filepath.Join(opt.Shared, "corpus", "fakes_dev.jsonl"), func(ctx context.Context, s *graph.Store) error {
		if err := writeFile(preds, func(w io.Writer) error { return writePredictions(ctx, s, w) }); err != nil {
			return err
		}
		writers := map[string]func(io.Writer) error{
			"articles": func(w io.Writer) error { return runArticles(ctx, s, w, "jsonl") },
			"claims":   func(w io.Writer) error { return runClaims(ctx, s, w, "jsonl", claimFilter{}) },
			"events":   func(w io.Writer) error { return runEvents(ctx, s, w, "jsonl", queries.Filter{}) },
		}
		for _, q := range []string{"corroborations", "contradictions", "updates"} {
			q := q
			writers[q] = func(w io.Writer) error { return runQuery(ctx, s, w, queryOptions{Name: q, Format: "jsonl"}) }
		}
		for name, fn := range writers {
			if err := writeFile(out(name), fn); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	var err error
	if res.Corpus, err = python(ctx, filepath.Join(opt.Shared, "corpus", "score.py"), preds, filepath.Join(opt.Shared, "corpus", "fakes_dev.gold.jsonl"), "--json"); err != nil {
		return err
	}
	if gold := filepath.Join(opt.Shared, "corpus", "incidents_dev.jsonl"); fileExists(gold) {
		if res.Incidents, err = python(ctx, filepath.Join(opt.Shared, "corpus", "score_incidents.py"), gold,
			out("articles"), out("claims"), out("events"), out("corroborations"), "--json"); err != nil {
			return err
		}
	}
	if opt.Judged != "" && fileExists(opt.Judged) {
		if res.Judged, err = judge(opt.Judged, map[string]string{"contradictions": out("contradictions"), "updates": out("updates"), "corroborations": out("corroborations")}); err != nil {
			return err
		}
	}
	return nil
}

// printEval writes the scores as text, a line each.
func printEval(w io.Writer, res evalResult, seeds seedScores) {
	fmt.Fprintf(w, "seeds:  figure-claim F1 %.3f (P %.3f, R %.3f); cited sources R %.3f, P %.3f\n",
		seeds.Figure.F1, seeds.Figure.Precision, seeds.Figure.Recall, seeds.Cited.Recall, seeds.Cited.Precision)
	r := seeds.Relations
	fmt.Fprintf(w, "seeds:  contradictions P %.3f, group recall %.3f; corroborations P %.3f, group recall %.3f\n",
		r.Contradictions.Precision, r.Contradictions.GroupRecall, r.Corroborations.Precision, r.Corroborations.GroupRecall)
	fmt.Fprintf(w, "corpus: %s\n", corpusLine(res.Corpus))
	if res.Incidents != nil {
		fmt.Fprintf(w, "corpus: %s\n", incidentsLine(res.Incidents))
	}
	for _, k := range []string{"contradictions", "updates", "corroborations"} {
		if c, ok := res.Judged[k]; ok {
			what := k
			if k == "corroborations" {
				what = "corroborations of 2+ independent origins"
			}
			fmt.Fprintf(w, "corpus: %s %d, judged real %d, false %d (precision %.3f), not judged %d\n", what, c.Rows, c.Real, c.False, c.Precision, c.Unjudged)
		}
	}
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
		r := rows.NewArticle(doc)
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

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// incidentsLine summarises score_incidents.py's JSON.
func incidentsLine(raw json.RawMessage) string {
	var m struct {
		Pairs   struct{ Precision, Recall, F1 float64 }
		Origins struct {
			Gold       int `json:"gold_incidents_2plus"`
			Exact      int `json:"exact"`
			Overcount  int `json:"overcount"`
			Undercount int `json:"undercount"`
			NoGroup    int `json:"no_group"`
		}
	}
	if json.Unmarshal(raw, &m) != nil {
		return string(raw)
	}
	return fmt.Sprintf("incident pairs P %.3f R %.3f F1 %.3f; origins of %d multi-article incidents: exact %d, over-counted %d, under-counted %d, no corroboration %d",
		m.Pairs.Precision, m.Pairs.Recall, m.Pairs.F1, m.Origins.Gold, m.Origins.Exact, m.Origins.Overcount, m.Origins.Undercount, m.Origins.NoGroup)
}

// judge counts the rows of each relation file that the judgments (JSONL:
// {"file", "a", "b", "verdict": "real"|"false", ...}, or "claims" instead
// of "a" and "b" for a group) hold real or false. Of corroborations only
// the rows that claim two or more independent origins are counted: a
// relay of one origin claims no independence to judge.
func judge(judgments string, files map[string]string) (map[string]judgedCount, error) {
	b, err := os.ReadFile(judgments)
	if err != nil {
		return nil, err
	}
	type key struct{ file, a, b, kind string }
	type row struct {
		A, B, Kind         string
		Claims             []string
		IndependentOrigins *int `json:"independent_origins"`
	}
	// a verdict holds for the relation judged: the same pair told as a
	// revision of one origin and as two origins disagreeing are two rows
	keyOf := func(file string, r row) key {
		if len(r.Claims) > 0 {
			return key{file, strings.Join(r.Claims, " "), "", r.Kind}
		}
		return key{file, r.A, r.B, r.Kind}
	}
	verdict := map[key]string{}
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var j struct {
			row
			File, Verdict string
		}
		if err := json.Unmarshal(line, &j); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: %v", judgments, i+1, err)
		}
		verdict[keyOf(j.File, j.row)] = j.Verdict
	}
	out := map[string]judgedCount{}
	for name, path := range files {
		rows, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var c judgedCount
		for _, line := range bytes.Split(rows, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var r row
			if err := json.Unmarshal(line, &r); err != nil {
				return nil, fmt.Errorf("eval: %s: %v", name, err)
			}
			if r.IndependentOrigins != nil && *r.IndependentOrigins < 2 {
				continue
			}
			c.Rows++
			switch verdict[keyOf(name, r)] {
			case "real":
				c.Real++
			case "false":
				c.False++
			default:
				c.Unjudged++
			}
		}
		if c.Real+c.False > 0 {
			c.Precision = float64(c.Real) / float64(c.Real+c.False)
		}
		out[name] = c
	}
	return out, nil
}
