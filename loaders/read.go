package loaders

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultMaxSize is the size bound of one input when Options.MaxSize is 0:
// 16 MiB, some hundred times the longest article of the corpus.
const DefaultMaxSize = 16 << 20

// ErrTooLarge is the reason given for an input above the size bound.
var ErrTooLarge = errors.New("over the size limit")

// ErrNotRegular is the reason given for an input that is neither a regular
// file nor a directory (a named pipe, a device, a socket), and for a
// symbolic link to a directory found inside a directory.
var ErrNotRegular = errors.New("not a regular file")

// ErrUnknownFormat is the reason given for a file whose extension has no Format.
var ErrUnknownFormat = errors.New("unknown input format")

func tooLarge(limit int64) error {
	return fmt.Errorf("%w of %s", ErrTooLarge, sizeString(limit))
}

// sizeString writes n bytes as "16 MiB", "512 KiB" or "1000 bytes".
func sizeString(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// Options says how Read reads its inputs.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// MaxSize bounds, in bytes, what one article may take in memory: a .txt
	// or .json file, a line of JSON Lines, standard input unless it is JSON
	// Lines. A larger one is reported (ErrTooLarge) and skipped. 0 means
	// DefaultMaxSize.
	MaxSize int64
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Read reads the articles at path: a file, a directory (recursively, in
// lexical order; files whose extension has no Format are skipped) or "-" for
// stdin. Only regular files are opened, so a named pipe or a device among
// the inputs never blocks or floods a load; a symbolic link to a regular
// file is read, a symbolic link to a directory is followed only when it is
// path itself.
//
// Whatever keeps one input from being read (a missing path, an unknown
// extension, a permission denied, a dangling symbolic link or a loop, a
// file that is not regular, an I/O error, an article over Options.MaxSize)
// goes to report as a *ParseError naming it, and the other inputs are read.
// The error returned is one that stops all reading: ctx done, or fn's error.
//
// A Document's Origin is recorded relative to path: the base name of a file
// given as path, the slash-separated path below path of a file found in a
// directory, "-" for stdin; with ":line" for JSON Lines and JSON arrays.
// Reports name inputs as given (path joined with what is below it).
func Read(ctx context.Context, path string, opt Options, fn func(*Document) error, report func(error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if path == "-" {
		return readStdin(opt.Stdin, opt.maxSize(), fn, report)
	}
	st, err := os.Stat(path)
	if err != nil {
		report(fileError(path, err))
		return nil
	}
	if st.IsDir() {
		return readDir(ctx, path, opt, fn, report)
	}
	ext := filepath.Ext(path)
	f, ok := Formats[strings.ToLower(ext)]
	if !ok {
		report(&ParseError{File: path, Err: fmt.Errorf("%w %q (want %s)", ErrUnknownFormat, ext, formatNames())})
		return nil
	}
	return readFile(ctx, path, filepath.Base(path), f, opt, fn, report)
}

func readDir(ctx context.Context, root string, opt Options, fn func(*Document) error, report func(error)) error {
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// a symbolic link to a directory, given as the path: WalkDir would
		// not enter it
		walkRoot = root + string(filepath.Separator)
	}
	var files []string
	err := filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			report(fileError(p, err))
			return nil
		}
		if d.IsDir() {
			return ctx.Err()
		}
		if _, ok := Formats[strings.ToLower(filepath.Ext(p))]; !ok {
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			files = append(files, p)
		case t&fs.ModeSymlink != 0:
			st, err := os.Stat(p)
			switch {
			case err != nil:
				report(fileError(p, err))
			case st.Mode().IsRegular():
				files = append(files, p)
			case st.IsDir():
				report(&ParseError{File: p, Err: fmt.Errorf("%w: a symbolic link to a directory, not followed (give the directory itself to read it)", ErrNotRegular)})
			default:
				report(&ParseError{File: p, Err: notRegular(st.Mode())})
			}
		default:
			report(&ParseError{File: p, Err: notRegular(t)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		rel, err := filepath.Rel(walkRoot, p)
		if err != nil {
			rel = filepath.Base(p)
		}
		if err := readFile(ctx, p, filepath.ToSlash(rel), Formats[strings.ToLower(filepath.Ext(p))], opt, fn, report); err != nil {
			return err
		}
	}
	return nil
}

func formatNames() string {
	var names []string
	for ext := range Formats {
		names = append(names, ext)
	}
	sort.Strings(names)
	return strings.Join(names, ", ") + ", a directory or -"
}

// notRegular says what kind of file mode m is.
func notRegular(m fs.FileMode) error {
	kind := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m.IsDir():
		kind = "a directory"
	}
	return fmt.Errorf("%w: %s", ErrNotRegular, kind)
}

// fileError reports err about file path: an *fs.PathError loses its own
// copy of the path (ParseError names the file once, quoted if need be), and
// a missing file that is a symbolic link is called a dangling link.
func fileError(path string, err error) *ParseError {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			err = fmt.Errorf("a symbolic link to nothing: %w", err)
		}
	}
	return &ParseError{File: path, Err: err}
}

// readFile reads the regular file at path with f; origin is its name
// relative to what Read was given.
func readFile(ctx context.Context, path, origin string, f Format, opt Options, fn func(*Document) error, report func(error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	file, err := openRegular(path)
	if err != nil {
		report(fileError(path, err))
		return nil
	}
	defer file.Close()
	var stopped error // fn's error, which stops all reading
	err = f.Read(path, file, opt.maxSize(), func(d *Document) error {
		if err := ctx.Err(); err != nil {
			stopped = err
			return err
		}
		if rest, ok := strings.CutPrefix(d.Origin, path); ok {
			d.Origin = origin + rest
		}
		stopped = fn(d)
		return stopped
	}, report)
	if err != nil && stopped == nil {
		// an I/O error: this file is not read to its end, the others are
		var pe *ParseError
		if !errors.As(err, &pe) {
			pe = fileError(path, err)
		}
		report(pe)
		return nil
	}
	return err
}

// openRegular opens path for reading if it is a regular file. It never
// blocks on a named pipe (see openNonBlocking) and checks the file it opened,
// not only the name.
func openRegular(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	file, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	if st, err = file.Stat(); err != nil || !st.Mode().IsRegular() {
		file.Close()
		if err == nil {
			err = notRegular(st.Mode())
		}
		return nil, err
	}
	return file, nil
}

func readStdin(r io.Reader, limit int64, fn func(*Document) error, report func(error)) error {
	if r == nil {
		r = os.Stdin
	}
	br := bufio.NewReader(r)
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		br.Discard(len(bom))
	}
	var stopped error // fn's error, which stops all reading
	emit := func(d *Document) error {
		stopped = fn(d)
		return stopped
	}
	var err error
	for {
		var b []byte
		if b, err = br.Peek(1); err != nil {
			if err == io.EOF {
				err = nil
			}
			break
		}
		if c := b[0]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			br.ReadByte()
			continue
		}
		switch b[0] {
		case '{':
			err = ReadJSONL("-", br, limit, emit, report)
		case '[':
			err = ReadJSON("-", br, limit, emit, report)
		default:
			err = ReadText("-", br, limit, emit, report)
		}
		break
	}
	if err != nil && stopped == nil {
		// an I/O error: the rest of the stream is not read
		var pe *ParseError
		if !errors.As(err, &pe) {
			pe = fileError("-", err)
		}
		report(pe)
		return nil
	}
	return err
}

// Count returns how many articles Read would give for paths, reading them
// without extracting anything: the total of a progress bar. It returns -1
// when a path is standard input ("-"), which cannot be read twice.
// Malformed inputs are not counted and not reported (Read reports them).
func Count(ctx context.Context, paths []string, opt Options) (int, error) {
	n := 0
	for _, path := range paths {
		if path == "-" {
			return -1, nil
		}
		err := Read(ctx, path, opt, func(*Document) error { n++; return nil }, func(error) {})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
