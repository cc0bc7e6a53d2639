// Package loaders reads news articles from files and streams and turns them
// into quads.
//
// Input formats (chosen by file extension, or sniffed for standard input):
//
//	.txt            one article: the first non-empty line is the headline;
//	                header lines such as "Last Update: 2019-04-20",
//	                "Published 20.04.2019 16:37", a trailing "Source: X" and
//	                site banners are recognised by the extractor.
//	.json           one article object, or an array of them
//	.jsonl .ndjson  one article object a line
//	directory       every file above, recursively, in lexical order
//	-               standard input (JSON Lines if it starts with '{', a JSON
//	                array if '[', plain text otherwise)
//
// JSON fields: id, url, title, text or maintext, outlet or source_domain,
// date or date_publish (the news-please names and the corpus's names).
//
// # Bad input
//
// A malformed article or line is reported as a *ParseError with its file and
// line and the rest of the input is still read. So is every input that
// cannot be read at all: a missing path, an unknown extension, a permission
// denied, a dangling symbolic link or a loop, a symbolic link to a
// directory inside a directory, anything but a regular file (a named pipe
// is never opened for a blocking read, a device never read), an I/O error.
// One bad input never stops the others (see Read).
//
// Every article is bounded in size (Options.MaxSize, DefaultMaxSize 16 MiB):
// a .txt or .json file, a JSON Lines line, standard input unless JSON
// Lines; a larger one is reported (ErrTooLarge) without being held in
// memory. A UTF-8 byte order mark is skipped in every format. Text that is
// not UTF-8 is read as Windows-1252 (which includes Latin-1's printable
// characters) when no two bytes of it form a UTF-8 sequence, and as UTF-16
// when a .txt or .json file starts with a UTF-16 byte order mark; binary
// data (a NUL byte, many control characters) and UTF-8 with invalid bytes
// are reported per article with where (ErrBinary, ErrEncoding). A "date"
// that is not a string or a number is reported like one that is no date,
// and the article loaded without it. A file name that is not plain text (a
// line feed in it) is quoted in reports, so it cannot forge a report line.
//
// # Origin
//
// An article's Origin (schema.Origin, cg:origin) is its input relative to
// the path given to Read: the base name of a file given, the slash-separated
// path below a directory given, "-" for standard input, with ":line" for an
// article of a JSON Lines file or a JSON array. The loader's local paths
// never reach the store, so the same input exports the same wherever it was
// loaded from; reports, for the user, name inputs as given. Extraction itself lives in
// loaders/extract; Pipeline ties reading, extraction and a quad.BatchWriter
// together.
//
// loaders imports schema and github.com/cayleygraph/quad, never graph or
// queries.
package loaders
