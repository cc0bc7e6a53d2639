package graph

// UseCayleyWriter makes s write through Cayley's own SQL writer
// (QuadStore.ApplyDeltas) instead of claimgraph's (sqlwrite.go), for the
// tests and benchmarks that compare the two. It does nothing on other
// backends.
func UseCayleyWriter(s *Store) {
	if s.sql != nil {
		s.sql.close()
		s.sql = nil
	}
}

// UseInsertWriter makes s write with multi-row INSERTs instead of COPY, as
// it does on CockroachDB, so that the PostgreSQL tests cover that path too.
func UseInsertWriter(s *Store) {
	if s.sql != nil {
		s.sql.copy = false
	}
}
