package graph

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx"
	"github.com/lib/pq"
)

// TestSQLRetryable checks which driver errors make the SQL writer run a
// transaction again: serialization failures and deadlocks, from lib/pq
// (PostgreSQL) and pgx (CockroachDB), wrapped or not; nothing else.
func TestSQLRetryable(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&pq.Error{Code: "40001"}, true},
		{fmt.Errorf("inserting quads: %w", &pq.Error{Code: "40P01"}), true},
		{pgx.PgError{Code: "40001"}, true},
		{fmt.Errorf("deleting quads: %w", pgx.PgError{Code: "40P01"}), true},
		{&pq.Error{Code: "23505"}, false},
		{pgx.PgError{Code: "22021"}, false},
		{errors.New("could not serialize access 40001"), false},
	} {
		if got := sqlRetryable(c.err); got != c.want {
			t.Errorf("sqlRetryable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
