package loaders

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrBinary is the reason given for an input that is binary data, not text:
// an article is text.
var ErrBinary = errors.New("binary data, not text")

// ErrEncoding is the reason given for text that is neither UTF-8 nor
// clearly Windows-1252.
var ErrEncoding = errors.New("not UTF-8")

// bom is the UTF-8 byte order mark.
const bom = "\xEF\xBB\xBF"

// decodeText returns data as UTF-8 text:
//
//   - UTF-8 as it is, a leading byte order mark dropped;
//   - UTF-16 with a byte order mark, when wholeFile (a JSON Lines line
//     cannot be UTF-16: its line feeds are two bytes);
//   - anything else read as Windows-1252 (whose printable characters include
//     all of Latin-1's) when no two bytes of it form a UTF-8 sequence: text
//     written in Latin-1 or Windows-1252 has lone bytes above 0x7F.
//
// Binary data (a NUL byte, or more than one byte in 32 a control character
// other than tab, line feed, vertical tab, form feed, carriage return and
// escape) is an ErrBinary error, and UTF-8 with invalid bytes among valid
// sequences an ErrEncoding error; both say where, as a *ParseError without
// File, its Line counted from 1.
func decodeText(data []byte, wholeFile bool) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if wholeFile && len(data) >= 2 && len(data)%2 == 0 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		data = decodeUTF16(data)
	}
	if off := binaryAt(data); off >= 0 {
		line, col := position(data, off)
		return nil, &ParseError{Line: line, Column: col, Err: fmt.Errorf("%w (byte %#02x)", ErrBinary, data[off])}
	}
	if utf8.Valid(data) {
		return data, nil
	}
	bad, multi := -1, false
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if bad < 0 {
				bad = i
			}
		case n > 1:
			multi = true
		}
		i += n
	}
	if multi {
		line, col := position(data, bad)
		return nil, &ParseError{Line: line, Column: col, Err: fmt.Errorf("%w: invalid byte %#02x among UTF-8 characters (not Windows-1252 either)", ErrEncoding, data[bad])}
	}
	return decode1252(data), nil
}

// binaryAt returns the offset of the byte that makes data binary, or -1.
func binaryAt(data []byte) int {
	first, n := -1, 0
	for i, b := range data {
		if b >= 0x20 && b != 0x7F {
			continue
		}
		switch b {
		case 0:
			return i
		case '\t', '\n', '\v', '\f', '\r', 0x1B:
			continue
		}
		if first < 0 {
			first = i
		}
		n++
	}
	if first >= 0 && n*32 > len(data) {
		return first
	}
	return -1
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252; the five it leaves
// undefined map to the C1 controls of Latin-1, as in the WHATWG encoding
// standard. Bytes 0xA0-0xFF are Latin-1's.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func decode1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, b := range data {
		switch {
		case b < 0x80:
			out = append(out, b)
		case b < 0xA0:
			out = utf8.AppendRune(out, cp1252[b-0x80])
		default:
			out = utf8.AppendRune(out, rune(b))
		}
	}
	return out
}

func decodeUTF16(data []byte) []byte {
	le := data[0] == 0xFF
	units := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		if le {
			units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
