"""An oral-history interview to RDF: the interview as a work and as an event, its participants
as persons, its recording, and its transcript as segments with speaker, time codes and text.

    works/{source}/{key}              jl:OralHistoryInterview: title, interviewees, topics …
    works/{source}/{key}#seg-{n}      jl:TranscriptSegment n (file order), jl:segmentOf the work
    works/{source}/{key}#consent      jl:Consent
    events/{source}/{key}             jl:Event: the interview itself (date, place, participants)
    instances/{source}/{key}          bf:Instance: the recording (file, duration, checksum)

The key is the metadata's id, else the transcript's file name without its suffix. Problems the
reader found (time codes out of order, missing speakers, mixed encodings) go into the run's
report per segment, and the segments go in as written: never re-sorted or repaired.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ingest.entities import agent, collection, concept, place
from ingest.oral_history.model import Interview, InterviewMetadata, Person, Segment
from ingest.protocol import Conversion, Issue
from ingest.triples import Triples, digest, record_key
from kg.iri import Minter
from kg.vocab import BF, DCT, JL, RDFS, SCHEMA

VERSION = "jinling-oral-history/1"


@dataclass(frozen=True)
class Env:
    minter: Minter
    source: str


@dataclass
class Parts:
    """The IRIs of one interview and the persons met so far (name -> entity)."""

    work: NamedNode
    event: NamedNode
    recording: NamedNode
    persons: dict[str, NamedNode]


def interview_key(interview: Interview) -> str:
    return record_key(interview.metadata.id or interview.transcript_path.stem)


def convert(interview: Interview, env: Env) -> Conversion:
    key = interview_key(interview)
    parts = Parts(env.minter.record("works", env.source, key),
                  env.minter.record("events", env.source, key),
                  env.minter.record("instances", env.source, key), {})
    t = Triples()
    meta, lang = interview.metadata, interview.metadata.language
    _participants(t, env, parts, meta)
    _work(t, env, parts, meta, lang)
    _event(t, env, parts, meta, lang)
    _recording(t, parts, interview)
    for segment in interview.segments:
        _segment(t, env, parts, segment, lang)
    issues = tuple(Issue(i.kind, i.message, _where(i.segment, i.line))
                   for i in interview.issues)
    t.admin(parts.recording)
    return Conversion(key, (parts.work, parts.event, parts.recording), t.items,
                      digest(VERSION, interview.sha256), False, (), issues)


def _where(segment: int | None, line: int | None) -> str:
    place = f"segment {segment}" if segment is not None else "transcript"
    return f"{place} (line {line})" if line is not None else place


def _participants(t: Triples, env: Env, parts: Parts, meta: InterviewMetadata) -> None:
    for person in (*meta.interviewees, *meta.interviewers):
        parts.persons[person.name] = _person(t, env, person)
    for person in meta.interviewees:
        t.add(parts.work, JL.interviewee, parts.persons[person.name])
    for person in meta.interviewers:
        t.add(parts.work, JL.interviewer, parts.persons[person.name])


def _person(t: Triples, env: Env, person: Person) -> NamedNode:
    """A participant: one entity per name and birth year (when given)."""
    extra = str(person.birth_year) if person.birth_year else ""
    iri = agent(t, env.minter, person.name, kind="person", key_extra=extra)
    t.integer(iri, JL.birthYear, person.birth_year)
    return iri


def _work(t: Triples, env: Env, parts: Parts, meta: InterviewMetadata,
          lang: str | None) -> None:
    work = parts.work
    t.types(work, JL.OralHistoryInterview, BF.Audio)
    t.add(work, SCHEMA.recordedAt, parts.event)
    t.add(work, BF.hasInstance, parts.recording)
    t.chinese(work, RDFS.label, meta.title, lang)
    if meta.title:
        title = NamedNode(work.value + "#title")
        t.add(work, BF.title, title)
        t.types(title, BF.Title)
        t.chinese(title, BF.mainTitle, meta.title, lang)
    for topic in meta.topics:
        t.add(work, BF.subject, concept(t, env.minter, topic, lang))
    if meta.language:
        t.add(work, DCT.language, Literal(meta.language))
    t.text(work, JL.dialect, meta.dialect)
    t.chinese(work, DCT.rights, meta.rights, lang)
    t.chinese(work, DCT.description, meta.summary, lang)
    if meta.collection:
        t.add(work, DCT.isPartOf, collection(t, env.minter, meta.collection, lang))
    if meta.consent:
        _consent(t, work, meta, lang)


def _consent(t: Triples, work: NamedNode, meta: InterviewMetadata, lang: str | None) -> None:
    node = NamedNode(work.value + "#consent")
    t.add(work, JL.consent, node)
    t.types(node, JL.Consent)
    if meta.consent.signed is not None:
        t.add(node, JL.signed, Literal(meta.consent.signed))
    t.date(node, DCT.date, meta.consent.date)
    t.chinese(node, RDFS.comment, meta.consent.scope, lang)


def _event(t: Triples, env: Env, parts: Parts, meta: InterviewMetadata,
           lang: str | None) -> None:
    event = parts.event
    t.types(event, JL.Event)
    if meta.title:
        t.chinese(event, RDFS.label, f"访谈：{meta.title}", lang)
    t.date(event, DCT.date, meta.date)
    if meta.place:
        t.add(event, JL.tookPlaceAt, place(t, env.minter, meta.place, lang))
    t.each(event, JL.participant, parts.persons.values())


def _recording(t: Triples, parts: Parts, interview: Interview) -> None:
    meta, node = interview.metadata, parts.recording
    t.types(node, BF.Instance, BF.Electronic)
    t.add(node, BF.instanceOf, parts.work)
    t.chinese(node, RDFS.label, meta.title, meta.language)
    t.text(node, DCT.source, meta.recording)
    if meta.duration is not None:
        t.add(node, BF.duration, Literal(_iso_duration(meta.duration)))
    t.add(node, JL.sha256, Literal(interview.sha256))


def _iso_duration(seconds: float) -> str:
    """ISO 8601 duration: 3723.5 -> 'PT1H2M3.5S'.

    >>> _iso_duration(3723.5), _iso_duration(59)
    ('PT1H2M3.5S', 'PT59S')
    """
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    text = "PT" + (f"{int(h)}H" if h else "") + (f"{int(m)}M" if m else "")
    return text + f"{s:.3f}".rstrip("0").rstrip(".") + "S"


def _segment(t: Triples, env: Env, parts: Parts, segment: Segment, lang: str | None) -> None:
    node = NamedNode(f"{parts.work.value}#seg-{segment.number}")
    t.types(node, JL.TranscriptSegment)
    t.add(node, JL.segmentOf, parts.work)
    t.integer(node, JL.order, segment.number)
    t.text(node, JL.speakerLabel, segment.speaker)
    speaker = _speaker(t, env, parts, segment)
    if speaker is not None:
        t.add(node, JL.speaker, speaker)
    t.decimal(node, JL.startTime, segment.start)
    t.decimal(node, JL.endTime, segment.end)
    t.chinese(node, JL.text, segment.text, lang)


def _speaker(t: Triples, env: Env, parts: Parts, segment: Segment) -> NamedNode | None:
    """The metadata person, else a person of that name; a bare role label names nobody."""
    if segment.person is not None:
        return parts.persons.get(segment.person.name)
    if segment.speaker is None or segment.role is not None:
        return None
    if segment.speaker not in parts.persons:
        parts.persons[segment.speaker] = agent(t, env.minter, segment.speaker, kind="person")
        t.add(parts.event, JL.participant, parts.persons[segment.speaker])
    return parts.persons[segment.speaker]



