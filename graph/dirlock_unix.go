//go:build unix

package graph

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockDir takes an exclusive lock on directory dir (flock), waiting at
// most wait for another process to release it; ok is false when it did
// not. The lock is held until the returned file is closed.
func lockDir(dir string, wait time.Duration) (f *os.File, ok bool, err error) {
	f, err = os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, true, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, false, &os.PathError{Op: "flock", Path: dir, Err: err}
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, false, nil
		}
		time.Sleep(50 * time.Millisecond) // as bbolt polls its own
	}
}
