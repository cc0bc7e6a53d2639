package linking

import (
	"fmt"
	"sync"
	"testing"

	"github.com/claimgraph/claimgraph/schema"
)

// TestMetricNames: a metric's number names it (String), the same name
// gives the same number, "" is noMetric, and metrics numbered on several
// cores at once while others are read keep both.
func TestMetricNames(t *testing.T) {
	if got := metricOf(""); got != noMetric || got.String() != "" {
		t.Errorf(`metricOf("") = %d %q, want noMetric ""`, got, got.String())
	}
	for _, name := range []string{schema.MetricKilled, schema.MetricWounded, schema.MetricOther, "a metric of a data file"} {
		m := metricOf(name)
		if m.String() != name || metricOf(name) != m {
			t.Errorf("metricOf(%q) = %d, named %q, again %d", name, m, m.String(), metricOf(name))
		}
	}
	if metricKilled.String() != schema.MetricKilled || metricOther.String() != schema.MetricOther {
		t.Errorf("metricKilled, metricOther named %q, %q", metricKilled, metricOther)
	}
	var wg sync.WaitGroup
	got := make([]metric, 64)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = metricOf(fmt.Sprint("concurrent metric ", i%16))
			_ = metricKilled.String()
		}()
	}
	wg.Wait()
	for i, m := range got {
		if want := fmt.Sprint("concurrent metric ", i%16); m.String() != want || got[i%16] != m {
			t.Errorf("goroutine %d: metric %d named %q, want %q, the number of goroutine %d's (%d)", i, m, m.String(), want, i%16, got[i%16])
		}
	}
}
