package graphtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"
)

// PostgresEnv names the PostgreSQL server the tests may use, as a URL whose
// role may create databases; .ci/run starts one and sets it.
const PostgresEnv = "CLAIMGRAPH_TEST_POSTGRES_URL"

// PostgresDB creates a new database on the server PostgresEnv names, drops
// it when the test ends, and returns its URL. Without the variable the test
// is skipped.
func PostgresDB(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a postgres:// URL whose role may create databases (.ci/run does)", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "claimgraph_test_" + hex.EncodeToString(b[:])
	// The postgres driver is registered by package graph's blank import of
	// Cayley's postgres backend.
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("connect to %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s on %s: %v", name, u.Redacted(), err)
	}
	t.Cleanup(func() {
		// An autovacuum worker in the database makes DROP … WITH (FORCE)
		// fail for a role that is no superuser: try again once it is done.
		var err error
		for try := 0; try < 50; try++ {
			if _, err = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("drop database %s: %v", name, err)
	})
	u.Path = "/" + name
	return u.String()
}
