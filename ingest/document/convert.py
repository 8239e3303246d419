"""A local document to RDF: a work (jl:LocalDocument), its digital instance with the full text,
and the instance's sections and paragraphs as fragments with stable IRIs.

    works/{source}/{key}                   jl:LocalDocument: title, creators, date, subjects …
    instances/{source}/{key}               bf:Instance, bf:Electronic: jl:fullText, jl:sha256
    instances/{source}/{key}#s{n}          jl:Section (n = '1', '1.2' …: its place in the tree)
    instances/{source}/{key}#s{n}-p{i}     jl:Paragraph: jl:text, offsets into the full text

The key is the sidecar's identifier, else the file name without its suffix, so a re-ingest of
an edited file replaces its old description.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ingest.document.model import Document, Metadata, Paragraph, Section
from ingest.entities import PersonIndex, agent, collection, concept
from ingest.protocol import Conversion, Issue
from ingest.triples import Triples, digest, record_key
from kg.iri import Minter
from kg.vocab import BF, DCT, JL, RDFS

VERSION = "jinling-document/1"

MEDIA_TYPES = {
    "text": "text/plain", "markdown": "text/markdown", "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CREATOR_ROLE = NamedNode("http://id.loc.gov/vocabulary/relators/cre")


@dataclass(frozen=True)
class Env:
    minter: Minter
    source: str
    persons: PersonIndex


def document_key(doc: Document) -> str:
    """The sidecar identifier, else the file stem: NFC, blanks made hyphens."""
    return record_key(doc.metadata.identifier or doc.path.stem)


def convert(doc: Document, env: Env) -> Conversion:
    key = document_key(doc)
    work = env.minter.record("works", env.source, key)
    instance = env.minter.record("instances", env.source, key)
    t = Triples()
    lang = doc.metadata.language
    _work(t, env, work, instance, doc.metadata, doc.metadata.title or doc.path.stem, lang)
    _instance(t, work, instance, doc, lang)
    for section in doc.sections:
        _section(t, instance, section, lang)
    issues = tuple(Issue("cleaned", problem) for problem in doc.problems)
    t.admin(instance)
    return Conversion(key, (work, instance), t.items,
                      digest(VERSION, doc.sha256, doc.metadata), False, (), issues)


def _work(t: Triples, env: Env, work: NamedNode, instance: NamedNode, meta: Metadata,
          title: str, lang: str | None) -> None:
    t.types(work, JL.LocalDocument, BF.Text)
    t.add(work, BF.hasInstance, instance)
    t.chinese(work, RDFS.label, title, lang)
    title_node = NamedNode(work.value + "#title")
    t.add(work, BF.title, title_node)
    t.types(title_node, BF.Title)
    t.chinese(title_node, BF.mainTitle, title, lang)
    for n, name in enumerate(meta.creators, 1):
        _creator(t, env, work, n, name, lang)
    t.date(work, DCT.date, meta.date)
    for subject in meta.subjects:
        t.add(work, BF.subject, concept(t, env.minter, subject, lang))
    if meta.collection:
        t.add(work, DCT.isPartOf, collection(t, env.minter, meta.collection, lang))
    t.chinese(work, DCT.rights, meta.rights, lang)
    t.chinese(work, DCT.description, meta.description, lang)
    if meta.language:
        t.add(work, DCT.language, Literal(meta.language))


def _creator(t: Triples, env: Env, work: NamedNode, n: int, name: str,
             lang: str | None) -> None:
    node = NamedNode(f"{work.value}#contribution-{n}")
    t.add(work, BF.contribution, node)
    t.types(node, BF.Contribution)
    t.add(node, BF.agent, agent(t, env.minter, name, known=env.persons.find(name),
                                language=lang))
    t.add(node, BF.role, CREATOR_ROLE)




def _instance(t: Triples, work: NamedNode, instance: NamedNode, doc: Document,
              lang: str | None) -> None:
    t.types(instance, BF.Instance, BF.Electronic)
    t.add(instance, BF.instanceOf, work)
    t.chinese(instance, RDFS.label, doc.metadata.title, lang)
    t.add(instance, DCT["format"], Literal(MEDIA_TYPES.get(doc.format, doc.format)))
    t.add(instance, JL.sha256, Literal(doc.sha256))
    t.chinese(instance, JL.fullText, doc.text, lang)


def _section(t: Triples, instance: NamedNode, section: Section, lang: str | None) -> None:
    node = section_iri(instance, section.number)
    parent, _, last = section.number.rpartition(".")
    t.types(node, JL.Section)
    t.add(node, DCT.isPartOf, section_iri(instance, parent) if parent else instance)
    t.chinese(node, RDFS.label, section.title, lang)
    t.integer(node, JL.order, int(last))
    t.integer(node, JL.startOffset, section.start)
    t.integer(node, JL.endOffset, section.end)
    for paragraph in section.paragraphs:
        _paragraph(t, node, paragraph, lang)


def section_iri(instance: NamedNode, number: str) -> NamedNode:
    return NamedNode(f"{instance.value}#s{number}")


def _paragraph(t: Triples, section: NamedNode, p: Paragraph, lang: str | None) -> None:
    node = NamedNode(f"{section.value}-p{p.index}")
    t.types(node, JL.Paragraph)
    t.add(node, DCT.isPartOf, section)
    t.integer(node, JL.order, p.index)
    t.chinese(node, JL.text, p.text, lang)
    t.integer(node, JL.startOffset, p.start)
    t.integer(node, JL.endOffset, p.end)
    t.integer(node, JL.page, p.page)
