#!/usr/bin/env python3
"""Derive places.tsv from the shared gazetteer (syria_places.tsv).

usage: python3 derive.py /work/shared/gazetteer/syria_places.tsv > places.tsv

Keeps every place row and the columns the gazetteer package reads:
  id name alternate_names kind admin1 admin2 lat lon population feature_code country
Alternate names are thinned: names in other languages that never occur in English news
("Gobernación d'Aleppo", "Hələb mühafazası", "Douma-distriktet") are dropped, and names that
differ from an earlier one only by case, diacritics, ayn/hamza marks or hyphens are dropped
(the package's Key folds all of those anyway). Python standard library only; deterministic.
"""
import csv
import re
import sys
import unicodedata

ATTRIBUTION = (
    "Place data: Who's On First (https://whosonfirst.org/docs/licenses/), including GeoNames "
    "(https://www.geonames.org, CC BY 4.0), foursquare Quattroshapes (CC BY) and Yahoo! GeoPlanet "
    "(CC BY); administrative units: OpenSyria data-geography (CC BY 4.0), derived from UN OCHA/HDX "
    "COD-AB (CC BY 3.0 IGO), geoBoundaries (CC BY 3.0 IGO), GeoNames (CC BY 4.0) and Wikidata (CC0).")

# Letters that occur only in non-English exonyms (Azerbaijani, Turkish, Slavic, Baltic, Vietnamese ...).
FOREIGN_CHARS = set('əƏıİɩɔɣłĐđðŭṳộỗėęńřűžŽšŠŝŜĝĜ')
# Words of other languages' administrative vocabulary, and a few non-English forms.
FOREIGN_WORDS = re.compile(
    r"\b(gobernacion|governacio|gouvernement|gouvernorat|governatorato|guvernorat|guvernoratul|"
    r"gubernio|eskualdea|maakunta|pokrajina|kormanyzosag|kegubernuran|kagubernuran|muhafaza|"
    r"muhafazasi|muchafaza|muhafazat|muhafəzəsi|seng|guvernement|govrenorate|distriktet|distrikt|"
    r"koan|distrito|bezirk|okres|rajonas|apygarda|kommun|provinz|provincia|province de|district de|"
    r"i syria|syrie|sirija|siria|syrien|muchafazos|muhāfaza|muhafəzə|mintaqa|mintaqah|nahiyah|nahiya|"
    r"gouvernorat|gouvernorat d|cazaa|caza|mantiqat|mohafazat)\b|\b(d|l)'|\b(de|di|del|des|du|da|do|la|le) ",
    re.I)


def fold(s):
    """Lower case, no diacritics, no ayn/hamza marks, hyphens as spaces."""
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[‘’'`ʿʾʼʻ´]", '', s.lower())
    s = re.sub(r'[-_]+', ' ', s)
    return re.sub(r'\s+', ' ', s).strip()


def noise(n):
    if not n or len(fold(n)) < 3:
        return True
    if any(c in FOREIGN_CHARS for c in n):
        return True
    folded = unicodedata.normalize('NFKD', n)
    folded = ''.join(c for c in folded if not unicodedata.combining(c))
    return bool(FOREIGN_WORDS.search(folded))


def main(path):
    out = csv.writer(sys.stdout, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_NONE,
                     escapechar=None)
    print('# claimgraph gazetteer: Syrian places. Derived by data/derive.py from syria_places.tsv.')
    print('# ' + ATTRIBUTION)
    print('# Columns (tab-separated): id name alternate_names kind admin1 admin2 lat lon population '
          'feature_code country')
    print('id\tname\talternate_names\tkind\tadmin1\tadmin2\tlat\tlon\tpopulation\tfeature_code\tcountry')
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    dropped = kept = 0
    for r in rows:
        seen = {fold(r['name'])}
        alts = []
        for n in [r['ascii_name']] + r['alternate_names'].split('|'):
            n = n.strip()
            if not n:
                continue
            if noise(n):
                dropped += 1
                continue
            k = fold(n)
            if k in seen:
                continue
            seen.add(k)
            # Prefer the ASCII spelling: the key folds diacritics anyway.
            a = unicodedata.normalize('NFKD', n)
            a = ''.join(c for c in a if not unicodedata.combining(c))
            alts.append(a)
            kept += 1
        out.writerow([r['id'], r['name'], '|'.join(alts), r['kind'], r['admin1'], r['admin2'],
                      r['lat'], r['lon'], r['population'], r['feature_code'], 'SY'])
    print(f'derive: {len(rows)} rows, {kept} alternate names kept, {dropped} dropped as noise',
          file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/work/shared/gazetteer/syria_places.tsv')
