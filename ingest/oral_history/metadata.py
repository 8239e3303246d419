"""Reads an interview's metadata file (YAML or JSON) and checks it into `InterviewMetadata`.

Keys and their rules (anything else is kept, as text, in ``extra``):

    id            text or number
    title place rights collection summary      text
    interviewees  a list of names or of mappings {name, birth_year, gender, note}; or
                  ``interviewee``: one of them (or a list). Same for interviewers/interviewer.
    date          YYYY, YYYY-MM or YYYY-MM-DD, as text, number (a year) or YAML date
    language      a BCP 47 tag (zh-Hans), or a word of tables/languages.tsv (南京话, Mandarin),
                  which gives the tag; a dialect word is kept as ``dialect``
    topics        a list of text (one text is one topic)
    recording     a path or URL, or a mapping {file | path | url, duration}
    duration      seconds, or [H:]MM:SS[.sss] (here or inside recording, not both)
    consent       a mapping {signed: bool, date, scope | restrictions}, a text (the scope),
                  or a bool (signed)
    transcript    the transcript's path, relative to the metadata file (read by read.py)

A value that breaks its rule raises `MetadataMalformed` naming the key (``interviewees[2].name``
for a nested one); nothing is guessed or dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ingest.oral_history.model import (
    TABLES,
    Consent,
    InterviewMetadata,
    MetadataMalformed,
    Person,
)

__all__ = ["KNOWN_KEYS", "METADATA_SUFFIXES", "language_of", "load_metadata",
           "parse_metadata"]

METADATA_SUFFIXES = (".yaml", ".yml", ".json")

KNOWN_KEYS = frozenset({
    "id", "title", "interviewee", "interviewees", "interviewer", "interviewers", "date",
    "place", "language", "topics", "recording", "duration", "rights", "consent",
    "collection", "summary", "transcript"})

_PERSON_KEYS = ("name", "birth_year", "gender", "note")
_CONSENT_KEYS = ("signed", "date", "scope", "restrictions")
_RECORDING_KEYS = ("file", "path", "url", "duration")

# RFC 5646 syntax (not the registry): language, extlangs, script, region, variants,
# extensions, private use; or a private-use tag alone.
_BCP47 = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CLOCK = re.compile(r"(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)")


def load_metadata(path: Path, data: bytes) -> dict[Any, Any]:
    """The top-level mapping of metadata file ``path`` whose bytes are ``data``.

    Raises:
        MetadataMalformed: the bytes are not UTF-8, not YAML/JSON, or not a mapping.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise MetadataMalformed(f"not UTF-8 (byte {err.start}); save the file as UTF-8",
                                source=str(path), line=line) from err
    loaded = _parse_json(path, text) if path.suffix == ".json" else _parse_yaml(path, text)
    if not isinstance(loaded, dict):
        raise MetadataMalformed(f"the top level is {_kind(loaded)}, not a mapping of keys",
                                source=str(path))
    return loaded


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise MetadataMalformed(f"not JSON: {err.msg} (column {err.colno})",
                                source=str(path), line=err.lineno) from err


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise MetadataMalformed(f"not YAML: {problem}", source=str(path),
                                line=mark.line + 1 if mark else None) from err


def parse_metadata(mapping: Mapping[Any, Any], source: str) -> InterviewMetadata:
    """Check the metadata ``mapping`` read from file ``source``.

    Raises:
        MetadataMalformed: a value breaks its key's rule; the key is the error's field.

    >>> meta = parse_metadata({"title": "夫子庙旧事", "interviewee": "李桂芳",
    ...                        "language": "南京话", "date": 1998}, "a.yaml")
    >>> meta.interviewees[0], meta.language, meta.dialect, meta.date
    (Person(name='李桂芳', role='interviewee', birth_year=None, gender=None, note=None), \
'zh-x-nanjing', '南京话', '1998')
    """
    keys = _Keys(mapping, source)
    language, dialect = language_of(mapping.get("language"), source)
    recording, duration = keys.recording()
    return InterviewMetadata(
        id=keys.identifier(), title=keys.text("title"),
        interviewees=keys.people("interviewee"), interviewers=keys.people("interviewer"),
        date=keys.date("date", mapping.get("date")), place=keys.text("place"),
        language=language, dialect=dialect, topics=keys.topics(), recording=recording,
        duration=duration, rights=keys.text("rights"), consent=keys.consent(),
        collection=keys.text("collection"), summary=keys.text("summary"),
        extra=tuple((str(key), _as_text(value)) for key, value in mapping.items()
                    if key not in KNOWN_KEYS))


def language_of(value: Any, source: str = "") -> tuple[str | None, str | None]:
    """The BCP 47 tag and the dialect word (or None) of a ``language`` value.

    >>> language_of("Nanjing Mandarin")
    ('zh-x-nanjing', 'Nanjing Mandarin')
    >>> language_of("zh-Hans"), language_of("普通话")
    (('zh-Hans', None), ('zh', None))
    """
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.strip():
        raise MetadataMalformed(f"language is {_kind(value)}; give one BCP 47 tag or word",
                                source=source, field="language")
    word = value.strip()
    row = _language_words().get(_word_key(word))
    if row is not None:
        return row["bcp47"], word if row["kind"] == "dialect" else None
    if _BCP47.fullmatch(word):
        return word, None
    raise MetadataMalformed(
        f"language {word!r} is neither a BCP 47 tag (such as zh-Hans) nor a word of "
        "tables/languages.tsv; give a tag, or add the word to the table",
        source=source, field="language")


def _language_words() -> dict[str, dict[str, str]]:
    return {_word_key(row["word"]): row for row in TABLES.table("languages")}


def _word_key(word: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", word).casefold().split())


class _Keys:
    """Reads the keys of one metadata mapping, raising `MetadataMalformed` naming the key."""

    def __init__(self, mapping: Mapping[Any, Any], source: str):
        self.mapping = mapping
        self.source = source

    def fail(self, key: str, message: str) -> MetadataMalformed:
        return MetadataMalformed(message, source=self.source, field=key)

    def text(self, key: str) -> str | None:
        return self.checked_text(key, self.mapping.get(key))

    def checked_text(self, key: str, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"{key} is {_kind(value)}; give text")
        return value.strip() or None

    def identifier(self) -> str | None:
        value = self.mapping.get("id")
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text("id")

    def date(self, key: str, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            raise self.fail(key, f"{key} {value} has a time of day; give YYYY-MM-DD only")
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(text, str) and _valid_date(text.strip()):
            return text.strip()
        raise self.fail(key, f"{key} {value!r} is not a date of the form YYYY, YYYY-MM or "
                             "YYYY-MM-DD")

    def people(self, role: str) -> tuple[Person, ...]:
        one, many = self.mapping.get(role), self.mapping.get(role + "s")
        if one is not None and many is not None:
            raise self.fail(role, f"give either {role} or {role}s, not both")
        key, value = (role, one) if one is not None else (role + "s", many)
        if value is None:
            return ()
        if not isinstance(value, list):
            return (self.person(value, role, key),)
        return tuple(self.person(item, role, f"{key}[{n}]") for n, item in enumerate(value, 1))

    def person(self, value: Any, role: str, key: str) -> Person:
        if isinstance(value, str) and value.strip():
            return Person(value.strip(), role)
        if not isinstance(value, dict):
            raise self.fail(key, f"{key} is {_kind(value)}; give a name or a mapping with "
                                 f"the keys {', '.join(_PERSON_KEYS)}")
        self.only(value, _PERSON_KEYS, key)
        name = self.checked_text(f"{key}.name", value.get("name"))
        if name is None:
            raise self.fail(f"{key}.name", f"{key} has no name")
        gender = self.checked_text(f"{key}.gender", value.get("gender"))
        note = self.checked_text(f"{key}.note", value.get("note"))
        return Person(name, role, self.year(f"{key}.birth_year", value.get("birth_year")),
                      gender, note)

    def year(self, key: str, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return value
        raise self.fail(key, f"{key} {value!r} is not a four-digit year")

    def only(self, value: dict[Any, Any], allowed: tuple[str, ...], key: str) -> None:
        unknown = [str(k) for k in value if k not in allowed]
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", f"{key} has the unknown key(s) "
                            f"{', '.join(unknown)}; known: {', '.join(allowed)}")

    def topics(self) -> tuple[str, ...]:
        value = self.mapping.get("topics")
        items = [value] if isinstance(value, str) else value or []
        if not isinstance(items, list):
            raise self.fail("topics", f"topics is {_kind(value)}; give a list of text")
        topics = [self.checked_text(f"topics[{n}]", item) for n, item in enumerate(items, 1)]
        if None in topics:
            raise self.fail(f"topics[{topics.index(None) + 1}]", "a topic is empty")
        return tuple(topic for topic in topics if topic)

    def recording(self) -> tuple[str | None, float | None]:
        value = self.mapping.get("recording")
        duration = self.duration("duration", self.mapping.get("duration"))
        if not isinstance(value, dict):
            return self.text("recording"), duration
        self.only(value, _RECORDING_KEYS, "recording")
        places = [k for k in ("file", "path", "url") if value.get(k) is not None]
        if len(places) > 1:
            raise self.fail("recording", f"recording has both {places[0]} and {places[1]}")
        inner = self.duration("recording.duration", value.get("duration"))
        if inner is not None and duration is not None:
            raise self.fail("duration", "duration is given twice (also in recording)")
        where = self.checked_text(f"recording.{places[0]}", value[places[0]]) if places else None
        return where, inner if inner is not None else duration

    def duration(self, key: str, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return round(float(value), 3)
        match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise self.fail(key, f"{key} {value!r} is not seconds or [H:]MM:SS")
        hours, minutes, seconds = match.groups()
        return round(int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), 3)

    def consent(self) -> Consent | None:
        value = self.mapping.get("consent")
        if value is None or isinstance(value, bool):
            return None if value is None else Consent(value, None, None)
        if isinstance(value, str):
            return Consent(None, None, self.text("consent"))
        if not isinstance(value, dict):
            raise self.fail("consent", f"consent is {_kind(value)}; give a mapping or text")
        self.only(value, _CONSENT_KEYS, "consent")
        signed = value.get("signed")
        if signed is not None and not isinstance(signed, bool):
            raise self.fail("consent.signed", f"consent.signed {signed!r} is not true/false")
        if value.get("scope") is not None and value.get("restrictions") is not None:
            raise self.fail("consent", "give either consent.scope or consent.restrictions")
        scope_key = "scope" if value.get("scope") is not None else "restrictions"
        scope = self.checked_text(f"consent.{scope_key}", value.get(scope_key))
        return Consent(signed, self.date("consent.date", value.get("date")), scope)


def _valid_date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    """How a YAML/JSON value reads in a message ('a list', 'the number 3' ...)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def _as_text(value: Any) -> str:
    """An ``extra`` value as text: scalars as written, lists and mappings as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)
