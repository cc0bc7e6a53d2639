package wordfilter

// Filter holds a set of words approximately: MayHave is true for every word
// added, and for few others (under one in ten with 600 words; more among
// words alike in length and in first, middle and last bytes). The zero
// Filter holds no word.
type Filter [128]uint64

// Add adds w.
func (f *Filter) Add(w string) {
	b := bit(w)
	f[b>>6] |= 1 << (b & 63)
}

// MayHave reports whether w may have been added; false means it has not.
func (f *Filter) MayHave(w string) bool {
	b := bit(w)
	return f[b>>6]&(1<<(b&63)) != 0
}

// MayHaveBytes is MayHave for a word held in a byte slice.
func (f *Filter) MayHaveBytes(w []byte) bool {
	b := bit(w)
	return f[b>>6]&(1<<(b&63)) != 0
}

// bit is the filter bit of w: a hash of its length and its first, middle
// and last bytes, cheap next to hashing the whole word.
func bit[W string | []byte](w W) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9e3779b1 ^ uint32(w[0])*0x85ebca77 ^ uint32(w[n/2])*0x27d4eb2f ^ uint32(w[n-1])*0xc2b2ae3d
	return h >> (32 - 13) // 13 bits: 128 × 64
}
