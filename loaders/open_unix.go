//go:build unix

package loaders

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without blocking: a named pipe put
// in place of a regular file between the Stat and the Open opens at once,
// and openRegular then refuses it.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
