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
// A malformed article or line is reported as a *ParseError with its file and
// line and the rest of the input is still read. Extraction itself lives in
// loaders/extract; Pipeline ties reading, extraction and a quad.BatchWriter
// together.
//
// loaders imports schema and github.com/cayleygraph/quad, never graph or
// queries.
package loaders
