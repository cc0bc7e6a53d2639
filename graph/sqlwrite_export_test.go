package graph

// UsePackedQuadRows makes s's PostgreSQL writer send at most n quads per
// packed statement (packQuads), so that the tests cover a batch split
// across statements.
func UsePackedQuadRows(s *Store, n int) {
	if s.sql != nil {
		s.sql.packRows = n
	}
}
