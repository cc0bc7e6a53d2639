// Package extract turns the text of a news article into claims: who claimed
// what figure, through whom, about which event, where and when.
//
// Extraction is rule-based and data-driven: source aliases, outlets,
// attribution cues, metric words, people nouns, event kinds and boilerplate
// live in the embedded files under data/ (documented in their headers), and a
// user can add to them with Lexicon.Extend. Places come from the gazetteer
// (loaders/gazetteer), figures from loaders/figure and dates from
// loaders/dates. Every claim records the sentence and byte offset it came
// from and the cue that attributed it.
//
// extract imports schema, the loaders/ sub-packages and the standard library.
package extract
