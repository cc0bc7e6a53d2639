package datafile

import (
	"testing"
	"testing/fstest"
)

func TestRows(t *testing.T) {
	fsys := fstest.MapFS{"d.tsv": {Data: []byte("# comment\n\na\tb\r\nc\td\n")}, "bad.tsv": {Data: []byte("a\tb\nc\n")}}
	rows, err := Rows(fsys, "d.tsv", 2)
	if err != nil || len(rows) != 2 || rows[1][1] != "d" {
		t.Fatalf("rows %q, err %v", rows, err)
	}
	if _, err := Rows(fsys, "bad.tsv", 2); err == nil || err.Error() != "bad.tsv:2: want 2 tab-separated fields, got 1" {
		t.Errorf("err = %v", err)
	}
}
