package graph

import (
	"log"

	"github.com/cayleygraph/cayley/clog"

	// The Cayley backends claimgraph supports. Each registers itself with
	// Cayley's graph package; Open selects one by name.
	// "bolt", the embedded default, is Cayley's kv quadstore over a bolt
	// file claimgraph opens itself with bbolt (boltlock.go: a lock timeout,
	// bbolt's map freelist, the packed log and the ordered index)
	_ "github.com/cayleygraph/cayley/graph/memstore"      // "memstore": tests
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // "cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // "postgres"
)

// Names of the Cayley backends, as returned by Store.Backend.
const (
	BackendBolt      = "bolt"
	BackendMemory    = "memstore"
	BackendPostgres  = "postgres"
	BackendCockroach = "cockroach"
)

// Cayley logs its backends' failures through clog to the standard logger,
// connection strings and their passwords included. graph returns those
// failures as errors instead, so it silences clog; a program that wants
// Cayley's logs back may call clog.SetLogger after importing graph.
func init() { clog.SetLogger(quietLog{}) }

// quietLog drops Cayley's log lines but keeps Fatalf fatal.
type quietLog struct{}

func (quietLog) Infof(string, ...interface{})           {}
func (quietLog) Warningf(string, ...interface{})        {}
func (quietLog) Errorf(string, ...interface{})          {}
func (quietLog) Fatalf(format string, a ...interface{}) { log.Fatalf("cayley: "+format, a...) }
func (quietLog) V(int) bool                             { return false }
func (quietLog) SetV(int)                               {}
