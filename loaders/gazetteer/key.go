package gazetteer

import "github.com/claimgraph/claimgraph/internal/translit"

// Key returns the transliteration key of a place name, by which the
// gazetteer indexes and compares names: translit.Key, whose foldings are
// listed there (al-Sukhna = As Sukhnah, Deir ez-Zor = Dayr az Zawr).
func Key(name string) string { return translit.Key(name) }
