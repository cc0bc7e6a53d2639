// Package gazetteer finds Syrian place names in English news text and
// resolves them to a place with its governorate (admin1), district (admin2),
// coordinates and country.
//
// # Data
//
// The embedded data (data/README.md has the sources and licences) is a
// tab-separated file, one place a line, with the columns
//
//	id  name  alternate_names  kind  admin1  admin2  lat  lon  population  feature_code  country
//
// alternate_names are |-separated; lat, lon and population may be empty;
// country is an ISO 3166 code and may be left off (SY). Lines starting with
// # and a header line starting with "id" are skipped. data/places.tsv is
// derived from the shared Syria gazetteer by data/derive.py; data/additions.tsv
// adds news spellings, bases, regions, mountains and neighbouring countries'
// places, and extends base rows by id (an alternate name "-Name" removes a
// name). Users add their own file (--gazetteer FILE): Load it, Check it, and
// Merge it into Default().
//
// # Matching
//
// Names are compared by Key, a transliteration key whose foldings are listed
// on translit.Key (internal/translit, which the server's search shares). Find tokenises a text once and looks up runs of capitalised words
// (up to the longest name) in a map from key to places; its precision rules
// are listed on Find, and the names it never reports are in
// data/stopnames.txt. Lookup ranks candidates (governorate, city, feature,
// town, district, subdistrict, foreign place, village) and Resolve picks one,
// preferring governorates named nearby (ContextAdmin1).
//
// gazetteer imports only the standard library, schema and internal/translit.
package gazetteer
