//go:build race

package queries

// raceEnabled is true under -race, where github.com/boltdb/bolt v1.3.1 (the
// bolt backend's library) fails the runtime's checkptr instrumentation.
const raceEnabled = true
