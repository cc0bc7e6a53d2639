package queries_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimgraph/claimgraph/graph"
	"github.com/claimgraph/claimgraph/queries"
	"github.com/claimgraph/claimgraph/schema"
)

// TestRelinkRandomMatchesLink loads, replaces and deletes invented articles
// in random sequences (dated, undated with relative days, copies of earlier
// ones; three towns and a governorate, a handful of kinds, figures and
// sources, so that reports pair, vote, contradict and copy each other), relinks after
// every step (queries.Relink) and compares the store's linking with a full
// link of the articles it holds. CLAIMGRAPH_RELINK_SEEDS sets how many
// sequences (default 300; -short: 40). It found the voter that is also
// anchorable (TestRelinkVoterThatIsAnchorable).
func TestRelinkRandomMatchesLink(t *testing.T) {
	ctx := context.Background()
	seeds := 300
	if testing.Short() {
		seeds = 40
	}
	if s := os.Getenv("CLAIMGRAPH_RELINK_SEEDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CLAIMGRAPH_RELINK_SEEDS=%q: %v", s, err)
		}
		seeds = n
	}
	first := 0 // CLAIMGRAPH_RELINK_FIRST: the first sequence, to run again one that failed
	if s := os.Getenv("CLAIMGRAPH_RELINK_FIRST"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CLAIMGRAPH_RELINK_FIRST=%q: %v", s, err)
		}
		first = n
	}
	// in four parallel parts (each its own stores)
	const parts = 4
	anchored := make([]int, parts)
	t.Run("parts", func(t *testing.T) {
		for p := 0; p < parts; p++ {
			t.Run(strconv.Itoa(p), func(t *testing.T) {
				t.Parallel()
				for seed := first + p; seed < seeds; seed += parts {
					anchored[p] += randomRelinks(t, ctx, seed)
				}
			})
		}
	})
	if n := anchored[0] + anchored[1] + anchored[2] + anchored[3]; seeds-first >= 100 && n == 0 {
		t.Error("no undated article was anchored in any step: the votes are not tested")
	}
}

// randomRelinks runs the random sequence of seed, comparing after each
// step, and returns how many articles the full links anchored.
func randomRelinks(t *testing.T, ctx context.Context, seed int) (anchored int) {
	r := rand.New(rand.NewSource(int64(seed)))
	s, err := graph.Open(ctx, "mem:") // closed here: thousands of sequences' stores do not fit in memory
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var held, all []*schema.Article
	var ops []string
	for step, steps := 0, 6+r.Intn(12); step < steps; step++ {
		var changed []string
		switch op := r.Intn(10); {
		case op < 7 || len(held) == 0: // load one or two
			for k := 1 + r.Intn(2); k > 0; k-- {
				d := randomArticle(r, fmt.Sprintf("s%d-a%d.txt", seed, len(all)), all)
				all, held = append(all, d), append(held, d)
				writeArticles(t, s, d)
				changed = append(changed, d.IRI)
				ops = append(ops, "load "+d.ID)
			}
		case op < 9: // replace one
			i := r.Intn(len(held))
			d := randomArticle(r, held[i].ID, all)
			if _, err := s.Delete(ctx, held[i].IRI); err != nil {
				t.Fatal(err)
			}
			writeArticles(t, s, d)
			held[i] = d
			changed = append(changed, d.IRI)
			ops = append(ops, "replace "+d.ID)
		default: // delete one
			i := r.Intn(len(held))
			if _, err := s.Delete(ctx, held[i].IRI); err != nil {
				t.Fatal(err)
			}
			changed = append(changed, held[i].IRI)
			ops = append(ops, "delete "+held[i].ID)
			held = append(held[:i], held[i+1:]...)
		}
		if _, err := queries.Relink(ctx, s, changed, queries.LinkOptions{}); err != nil {
			t.Fatal(err)
		}
		want, res := fullLink(t, held...)
		anchored += res.Anchored
		if got := linkingText(t, s); got != want {
			t.Fatalf("seed %d, step %d: the relinked store differs from a full link; steps: %v\n%s", seed, step, ops, lineDiff(got, want))
		}
	}
	return anchored
}

// randomArticle returns an invented article: a copy of one of pool's
// claims (a fifth of the time), else one to three claims of random kind,
// place, figure and source, dated or (a third of the time) undated, most
// undated ones with a weekday and relative days.
func randomArticle(r *rand.Rand, id string, pool []*schema.Article) *schema.Article {
	d := &schema.Article{ID: id, ContentHash: id + strconv.Itoa(r.Int()), IRI: schema.ArticleIRI(id), Cited: []schema.Source{}}
	d.Outlet = []*schema.Source{&outletX, &outletY}[r.Intn(2)]
	day := func(base string, off int) string {
		t, err := time.Parse("2006-01-02", base)
		if err != nil {
			panic(err)
		}
		return t.AddDate(0, 0, off).Format("2006-01-02")
	}
	if len(pool) > 0 && r.Intn(5) == 0 {
		src := pool[r.Intn(len(pool))]
		d.Claims = append([]schema.Claim(nil), src.Claims...)
		d.Title = src.Title
		if r.Intn(3) == 0 {
			d.PublishedWeekday = src.PublishedWeekday
		} else {
			d.Published = day("2019-04-01", r.Intn(30))
		}
		return d
	}
	undated := r.Intn(3) == 0
	if !undated {
		d.Published = day("2019-04-10", r.Intn(15))
	} else if r.Intn(3) != 0 {
		d.PublishedWeekday = "Monday"
	}
	townC := &schema.Place{ID: "town-c", Name: "Town C", Kind: "town", Admin1: "Homs", Within: "g-homs", WithinName: "Homs", Lat: 35.6, Lon: 38.7, HasCoords: true}
	places := []*schema.Place{townA, townB, townC, govHoms}
	kinds := []string{"ambush", "attack", "siege", "chemical"}
	sources := []*schema.Source{&monitor, &agency, &wire, nil}
	figures := []int64{15, 20, 27}
	d.Title = []string{"Ambush kills soldiers", "Attack in town", "Group claims ambush", ""}[r.Intn(4)]
	n := 1 + r.Intn(2)
	if undated && d.PublishedWeekday != "" && r.Intn(2) == 0 {
		n = 2 + r.Intn(2) // more incidents to vote on
	}
	for i := 0; i < n; i++ {
		ev := schema.Event{Kind: kinds[r.Intn(len(kinds))], Place: places[r.Intn(len(places))]}
		switch {
		case undated && d.PublishedWeekday != "" && r.Intn(3) != 0:
			rel := int64(-r.Intn(6))
			ev.RelStart, ev.RelEnd = &rel, &rel
		case r.Intn(3) != 0:
			base := "2019-04-12"
			if d.Published != "" {
				base = d.Published
			}
			ev.Start = day(base, -r.Intn(4))
			ev.End = ev.Start
		}
		metric := schema.MetricKilled
		if r.Intn(5) == 0 {
			metric = schema.MetricBesieged
		}
		f := figures[r.Intn(len(figures))]
		var max *int64
		if r.Intn(4) != 0 {
			max = i64(f)
		}
		evidence := []string{"The agency said it killed them.", "Soldiers were killed in the ambush, the monitor said.",
			"An attack killed people in the town.", fmt.Sprintf("%d were killed, a source said.", f)}[r.Intn(4)]
		c := claim(sources[r.Intn(len(sources))], nil, metric, i64(f), max, ev, evidence)
		c.Offset = i * 10
		d.Claims = append(d.Claims, c)
	}
	return d
}

// lineDiff lists the lines of got not in want (+) and of want not in got
// (-), at most ten of each.
func lineDiff(got, want string) string {
	in := func(text string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			m[l] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var out []string
	for _, d := range []struct {
		sign       string
		from, into map[string]bool
	}{{"+", g, w}, {"-", w, g}} {
		var ls []string
		for l := range d.from {
			if !d.into[l] {
				ls = append(ls, d.sign+" "+l)
			}
		}
		sort.Strings(ls)
		out = append(out, ls[:min(len(ls), 10)]...)
	}
	return strings.Join(out, "\n")
}
