// Package wordfilter is a small Bloom filter of words. The loaders look most
// words of a text up in tables of a few hundred words that hold few of them;
// a Go map costs cache misses for each such lookup, while a Filter (1 KiB)
// stays in cache and answers most of them on its own. It imports nothing.
package wordfilter
