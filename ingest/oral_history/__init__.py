"""Oral-history (口述史) interviews: a metadata file and a transcript, read and checked.

The reading layer only: no RDF. `read_interview` takes either file of an interview and gives an
`Interview`: the checked metadata, the transcript's segments in file order, and every problem
found in the transcript as an `Issue` (kinds in tables/issue_kinds.tsv), never repaired.

    model.py        Interview, InterviewMetadata, Person, Consent, Segment, Issue; the errors
    metadata.py     the metadata file (YAML or JSON): keys, their rules, language words
    transcripts.py  decoding (UTF-8, GB18030, mixed), speakers, time-code checks
    formats/        one parser per transcript format: vtt.py, srt.py, text.py
    read.py         read_interview: finds the two files, reads and assembles them
    tables/         speaker_labels.tsv, languages.tsv, issue_kinds.tsv
"""

from ingest.oral_history.model import (
    AmbiguousFiles,
    Consent,
    Interview,
    InterviewError,
    InterviewFileMissing,
    InterviewMetadata,
    Issue,
    MetadataMalformed,
    MetadataNotFound,
    Person,
    Segment,
    TranscriptEmpty,
    TranscriptUndecodable,
    UnsupportedFile,
    issue_kinds,
)
from ingest.oral_history.read import read_interview

__all__ = [
    "AmbiguousFiles", "Consent", "Interview", "InterviewError", "InterviewFileMissing",
    "InterviewMetadata", "Issue", "MetadataMalformed", "MetadataNotFound", "Person", "Segment",
    "TranscriptEmpty", "TranscriptUndecodable", "UnsupportedFile", "issue_kinds",
    "read_interview",
]
