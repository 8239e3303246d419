"""Descriptive metadata of a local document: the sidecar file's, over the file's own.

A sidecar sits beside the document as ``NAME.meta.yaml``, ``NAME.meta.yml`` or ``NAME.meta.json``
(NAME is the file name without its suffix), or as the full file name plus one of those endings.
It is a mapping read with PyYAML's ``safe_load`` (or ``json``); its keys name Metadata fields
(tables/metadata_keys.tsv, source 'sidecar', matched case-insensitively), every other key is kept
in ``Metadata.extra``. A sidecar that does not parse, is not a mapping, or gives a key a value
of the wrong type or form raises `SidecarError` naming the sidecar file and the key. Markdown
front matter is read by the same rules.

The file's own metadata (HTML <meta>, DOCX core properties, PDF information dictionary) is
mapped by the same table under its own source name, leniently: a value that does not fit is
left out and noted. Each sidecar field overrides the file's field; the language defaults to
'zh-Hans' when the text is Chinese.

``creators`` and ``subjects`` take a list or a string split on 、，,；; (tables/punctuation.tsv).
``date`` keeps the precision given: '2021', '2021-06' or '2021-06-30' (also read from
2021年6月30日, 2021/6/30, YAML dates and PDF 'D:20210630…' dates).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from ingest.document.model import Metadata, SidecarError
from ingest.document.structure import TABLES, separators

SIDECAR_ENDINGS = (".meta.yaml", ".meta.yml", ".meta.json")
LIST_FIELDS = ("creators", "subjects")
TEXT_FIELDS = ("title", "collection", "rights", "identifier", "description")
#: Share of CJK ideographs among the non-space characters from which a text counts as Chinese.
CHINESE_SHARE = 0.3

_ISO_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_CN_DATE = re.compile(r"^(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_TIMESTAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@cache
def field_of(source: str) -> dict[str, str]:
    """Key (lower-cased) -> Metadata field, for one source: 'sidecar', 'html', 'docx', 'pdf'."""
    rows = TABLES.table("metadata_keys")
    return {row["key"].lower(): row["field"] for row in rows if row["source"] == source}


# --- sidecar files ----------------------------------------------------------------------------

def sidecars(path: Path) -> list[Path]:
    """The sidecar files beside ``path`` that exist, in the order they are preferred."""
    names = [path.stem + ending for ending in SIDECAR_ENDINGS]
    names += [path.name + ending for ending in SIDECAR_ENDINGS]
    return [path.with_name(name) for name in names if path.with_name(name).is_file()]


def load_sidecar(sidecar: Path) -> dict[str, object]:
    """The mapping in a sidecar file; raises SidecarError when it is not one."""
    try:
        text = sidecar.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise SidecarError(f"cannot read the sidecar: {err}", source=str(sidecar)) from err
    return parse_mapping(text, str(sidecar), json_syntax=sidecar.suffix == ".json")


def parse_mapping(text: str, source: str, json_syntax: bool = False) -> dict[str, object]:
    """Parse YAML (or JSON) text that must hold a mapping; empty text gives {}."""
    try:
        data = json.loads(text) if json_syntax else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise SidecarError(f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}",
                           source=source) from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SidecarError(f"not valid YAML{at}: {getattr(err, 'problem', err)}",
                           source=source) from err
    except ValueError as err:     # a YAML timestamp that is no date, e.g. 2021-13-40
        raise SidecarError(f"not valid YAML: {err}", source=source,
                           field=_bad_timestamp_key(text)) from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SidecarError(f"holds a {type(data).__name__}, not a mapping of keys to values",
                           source=source)
    return {str(key): value for key, value in data.items()}


def _bad_timestamp_key(text: str) -> str | None:
    """The key whose value looks like a YAML timestamp but is no date (read all as strings)."""
    raw = yaml.load(text, Loader=yaml.BaseLoader)
    for key, value in (raw.items() if isinstance(raw, dict) else ()):
        if isinstance(value, str) and _TIMESTAMP.match(value) and not date_of(value[:10]):
            return str(key)
    return None


def sidecar_fields(mapping: dict[str, object], source: str
                   ) -> tuple[dict[str, object], tuple[tuple[str, str], ...]]:
    """Metadata fields and the other keys (``extra``) of a sidecar mapping; strict."""
    fields: dict[str, object] = {}
    extra: list[tuple[str, str]] = []
    for key, value in mapping.items():
        name = field_of("sidecar").get(key.lower())
        if name is None:
            extra.append((key, _as_extra(value)))
        elif value is not None:
            _put(fields, name, _checked(name, key, value, source))
    return fields, tuple(extra)


def _checked(name: str, key: str, value: object, source: str) -> object:
    def fail(why: str) -> SidecarError:
        return SidecarError(f"{why} (got {value!r})", source=source, field=key)

    if name in LIST_FIELDS:
        items = value if isinstance(value, list) else [value]
        if not all(_is_scalar(item) for item in items):
            raise fail("must be a string or a list of strings")
        return split_list(str(item) for item in items)
    scalar = _is_scalar(value) or isinstance(value, dt.date)
    if name == "date" and not (scalar and date_of(value)):
        raise fail("must be a date like 2021, 2021-06 or 2021-06-30")
    if name == "language" and not (_is_scalar(value) and language_of(value)):
        raise fail("must be a BCP 47 language tag like zh-Hans")
    if not scalar:
        raise fail("must be a string")
    return {"date": date_of, "language": language_of}.get(name, _stripped)(value)


def _stripped(value: object) -> str:
    return str(value).strip()


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _as_extra(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def _put(fields: dict[str, object], name: str, value: object) -> None:
    """Add a value: list fields gather every key's items, text fields keep the first."""
    if name in LIST_FIELDS:
        fields[name] = tuple(dict.fromkeys((*_items(fields, name), *_items({name: value}, name))))
    elif value:
        fields.setdefault(name, value)


def _items(fields: dict[str, object], name: str) -> tuple[str, ...]:
    value = fields.get(name, ())
    return tuple(str(item) for item in value) if isinstance(value, tuple | list) else ()


# --- values -----------------------------------------------------------------------------------

def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """Names or subjects from strings split on list separators, stripped, without repeats.

    >>> split_list(["金陵图书馆、南京图书馆学会", "南京;  图书馆"])
    ('金陵图书馆', '南京图书馆学会', '南京', '图书馆')
    """
    pattern = "[" + re.escape("".join(sorted(separators()))) + "]"
    parts = (part.strip() for value in values for part in re.split(pattern, value))
    return tuple(dict.fromkeys(part for part in parts if part))


def date_of(value: object) -> str | None:
    """An ISO date of the precision given, or None when ``value`` is no date.

    >>> date_of("2021"), date_of("2021年6月"), date_of("2021/6/30"), date_of("D:20210630120000")
    ('2021', '2021-06', '2021-06-30', '2021-06-30')
    >>> date_of("2021-13") is None
    True
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    found = _ISO_DATE.match(text) or _CN_DATE.match(text) or _PDF_DATE.match(text)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])


def language_of(value: object) -> str | None:
    """A BCP 47 tag ('zh_CN' is read as 'zh-CN'), or None."""
    text = str(value).strip().replace("_", "-")
    return text if _LANGUAGE.match(text) else None


def is_chinese(text: str) -> bool:
    """Whether CJK ideographs make up a good share of the text's non-space characters."""
    visible = [c for c in text if not c.isspace()]
    return bool(visible) and len(_CJK.findall(text)) / len(visible) >= CHINESE_SHARE


# --- file metadata ----------------------------------------------------------------------------

def file_fields(pairs: Iterable[tuple[str, object]], source: str
                ) -> tuple[dict[str, object], list[str]]:
    """Metadata fields from the (name, value) pairs of a file's own metadata; lenient: values
    that do not fit are left out and noted."""
    fields: dict[str, object] = {}
    problems: list[str] = []
    for key, value in pairs:
        name = field_of(source).get(key.lower())
        text = "" if value is None else str(value).strip()
        if name is None or not text:
            continue
        checked = _lenient(name, value, text)
        if checked is None:
            problems.append(f"metadata: {source} {key} {text!r} is not a valid {name}, left out")
        else:
            _put(fields, name, checked)
    return fields, problems


def _lenient(name: str, value: object, text: str) -> object:
    if name in LIST_FIELDS:
        return split_list([text])
    if name == "date":
        return date_of(value)
    if name == "language":
        return language_of(text)
    return text


def merge(own: dict[str, object], sidecar: dict[str, object],
          extra: tuple[tuple[str, str], ...], text: str) -> Metadata:
    """The document's Metadata: each sidecar field over the file's own."""
    fields = {**own, **sidecar}
    language = fields.get("language") or ("zh-Hans" if is_chinese(text) else None)
    return Metadata(
        title=_text(fields, "title"), creators=_items(fields, "creators"),
        date=_text(fields, "date"), subjects=_items(fields, "subjects"),
        collection=_text(fields, "collection"), rights=_text(fields, "rights"),
        language=str(language) if language else None,
        identifier=_text(fields, "identifier"), description=_text(fields, "description"),
        extra=extra)


def _text(fields: dict[str, object], name: str) -> str | None:
    value = fields.get(name)
    return str(value) if value else None
