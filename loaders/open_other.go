//go:build !unix

package loaders

import "os"

// openNonBlocking opens path for reading (systems without named pipes in
// the file system need no more).
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
