package server

// Fold is fold, for the tests of package server_test.
var Fold = fold

// Paragraph is paragraph, for the tests of package server_test.
var Paragraph = paragraph

// MaxParagraph is maxParagraph.
const MaxParagraph = maxParagraph
