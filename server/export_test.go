package server

// Fold is fold, for the tests of package server_test.
var Fold = fold
