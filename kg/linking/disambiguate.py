"""Choosing the entity of each proposal, and how sure the linker is.

Every KB sense of a proposal is scored on seven features, weighted by the config:

- ``prior``: what the kind of name says alone (a preferred label more than an art name);
- ``type``: the sense's type agrees with the type the text's evidence gave (先生 → PERSON);
- ``period``: the share of the document's dated evidence (`kg.linking.dates`, and the spans of
  its unambiguous period mentions) that falls within the sense's years, 0.5 when either side
  has none;
- ``context``: how many of the sense's KB neighbours the document also names (明孝陵 beside
  朱元璋), up to two;
- ``prominence``: its number of names and links, relative to the KB's best-known entity;
- ``class``: a bonus by the entity's class when senses compete (class_priors.tsv: a dynasty
  before a place named after it);
- ``era``: 1, unless the sense is a reign era and no year count, era word or dynasty stands
  beside the name (隋军入建康 is the city, 建康元年 the era).

A place reached only by an alternative label loses to a time-scoped name of it that bears the
name as its own (`historical_names`). The best sense wins; its confidence is the probability
that the calibrated model of `kg.linking.confidence` gives it (``calibration`` names the
weights table). A historical name with an administrative ending links as the shorter name of
the same place when the KB has one (建康府 → 建康; `placename_folds`). A name the KB does not
know is scored by the same model from its rule and the rule's strength. Mentions below the
threshold are left out, and so is a noble title right before the person's name
(`drop_titles`) and a title or posthumous name right after the verb that confers it (追封|吴王:
`drop_conferred`). A reign era with no year beside it, or a dynasty named by an alias, gives way
to a listed place of the same name (望长安, 出知荆南), or to a place the words around it make
(长乐 (今属福建)), and a courtesy or art name alone is a mention only when the text names its
person fully or it is a famous designation (famous_designations.tsv: 稼轩, 子猷; not 与之,
闻道). In a poem's lines a name that is a word of the verse (verse_words.tsv: 明朝 tomorrow
morning, 太平 peace) is no mention unless a year count follows it (太平三年). A name that
is also a plain phrase (owned_names.tsv: 新亭, a new pavilion) is the phrase after its owner's
title or site (盛令|新亭, 北楼|新亭), and throughout a poem whose title has it so. A KB event
named by a description of what happened (国民政府定都南京: no ending of an event's own name of
event_endings.tsv, and another entity's KB name inside) is no mention: the names in it are.
A bare temple title that a rule found (高宗) links to the emperor so titled whose reign era
follows it or whose life the text's dates fit clearly best (`kg.linking.rulers`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from kg.linking.affixes import YEAR_COUNT
from kg.linking.confidence import WEAK_KINDS, era_cue, kb_features, probability, rule_features
from kg.linking.confidence import weights as confidence_weights
from kg.linking.courtesy import bind_courtesy_names
from kg.linking.entities import set_entities
from kg.linking.gazetteer import Gazetteer
from kg.linking.kb import Entity
from kg.linking.model import KB, Mention, Proposal
from kg.linking.name_lists import listed_texts, normalised, surnames
from kg.linking.recognizers.naming import poem_lines
from kg.linking.recognizers.persons import occurrences
from kg.linking.resolve import SECOND_OPINIONS, resolve
from kg.linking.rulers import TitledRulers
from kg.linking.tables import column, number, table

# the verbs a ruler confers a title or a posthumous name by (封 in 追封, 进封, 改封)
_CONFERRING = frozenset("封谥")
_LIFE_WEIGHT = 0.3  # a person's life dates the text less surely than a period it names
FEATURES = ("prior", "type", "period", "context", "prominence", "class", "era")


@cache
def class_priors() -> dict[str, float]:
    """Entity class -> its bonus when senses compete (class_priors.tsv)."""
    return {r["class"]: number(r, "prior", "class_priors") for r in table("class_priors")}


@cache
def _fold_endings() -> tuple[str, ...]:
    return tuple(column("placename_folds", "ending"))


def placename_folds(entities: list[Entity]) -> dict[int, int]:
    """PlaceName -> the PlaceName it links as: 建康府 → 建康 (placename_folds.tsv).

    >>> es = [Entity("n:1", "PLACE", "PlaceName", "建康", place="p:nj"),
    ...       Entity("n:2", "PLACE", "PlaceName", "建康府", place="p:nj"),
    ...       Entity("n:3", "PLACE", "PlaceName", "应天府", place="p:nj")]
    >>> placename_folds(es)
    {1: 0}
    """
    named = {(e.place, e.label): at for at, e in enumerate(entities)
             if e.cls == "PlaceName" and e.label}
    folds = {}
    for at, e in enumerate(entities):
        if e.cls != "PlaceName" or not e.label:
            continue
        for ending in _fold_endings():
            base = named.get((e.place, e.label[:-len(ending)]))
            if e.label.endswith(ending) and base is not None and base != at:
                folds[at] = base
    return folds


def candidate_key(name: str, type_: str) -> str:
    """The stable key of a candidate entity: a digest of its normalised name and type.

    >>> candidate_key("焦翔", "PERSON") == candidate_key("焦翔", "PERSON")
    True
    """
    return hashlib.sha1(f"{type_}\t{name}".encode()).hexdigest()[:16]


def period_fit(entity: Entity, years: list[tuple[int, int, float]], margin: int = 0,
               total: float | None = None) -> float:
    """The weighted share of the dated evidence within the entity's years (0.5: no evidence);
    ``total``: the evidence's summed weight, when the caller knows it.

    >>> e = Entity("e", "PLACE", "PlaceName", "建康", 313, 589)
    >>> period_fit(e, [(500, 500, 1.0), (1912, 1912, 1.0)]), period_fit(e, [])
    (0.5, 0.5)
    """
    if not years or (entity.start is None and entity.end is None):
        return 0.5
    first = entity.start if entity.start is not None else entity.end - 80
    last = entity.end if entity.end is not None else 10_000
    low, high, inside = first - margin, last + margin, 0.0
    for a, b, w in years:
        if a <= high and b >= low:
            inside += w
    return inside / (total if total is not None else sum(w for _, _, w in years))


def _merged(years: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The same span of years once, with the weights of its repeats summed (a person named
    twenty times is one span of weight twenty times the one): `period_fit` is unchanged and
    runs over far fewer spans."""
    weights: dict[tuple[int, int], float] = {}
    for a, b, w in years:
        weights[(a, b)] = weights.get((a, b), 0.0) + w
    return [(a, b, w) for (a, b), w in weights.items()]


@cache
def _famous() -> frozenset[str]:
    return frozenset(normalised(column("famous_designations", "name")))


@cache
def _verse_words() -> frozenset[str]:
    return frozenset(normalised(column("verse_words", "word")))


@cache
def _event_endings() -> tuple[str, ...]:
    return tuple(normalised(column("event_endings", "ending")))


@cache
def _owners() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Name -> the characters of owned_names.tsv after which it is a plain phrase, and the
    allusions without which a poem has it as the phrase."""
    return {normalised([r["name"]])[0]:
            (r["owners"], tuple(normalised([w for w in r["allusions"].split("|") if w])))
            for r in table("owned_names")}


@cache
def _institution_offices() -> tuple[str, ...]:
    return tuple(normalised(column("institution_offices", "office")))


def _in_office_title(norm: str, p: Proposal, entities) -> bool:
    """国子监|主簿: a KB body right before an office of its own (institution_offices.tsv) is
    part of an official's title, no mention of the body."""
    return norm.startswith(_institution_offices(), p.end) and p.origin == KB \
        and bool(p.senses) and all(entities[n.entity].type == "ORGANIZATION" for n in p.senses)


def _owned(norm: str, p: Proposal, lines: int | None) -> bool:
    """盛令|新亭: a name of owned_names.tsv after its owner is the phrase (a new pavilion),
    and in a poem whose title line has it so, or that holds none of its allusions, it is the
    phrase in every line."""
    owners, allusions = _owners().get(norm[p.start:p.end], ("", ()))
    if not owners:
        return False
    if p.start > 0 and norm[p.start - 1] in owners:
        return True
    if lines is not None and allusions and not any(word in norm for word in allusions):
        return True
    title = norm[:lines] if lines is not None else ""
    name = norm[p.start:p.end]
    return any(at > 0 and title[at - 1] in owners for at in occurrences(title, name))


def _in_note(norm: str, at: int) -> bool:
    """Whether ``at`` lies within brackets: an editor's note on a poem (（见清朱绪曾编…）) may name
    those born after its author."""
    before = norm[:at]
    return before.count("(") > before.count(")")


@cache
def _noble_endings() -> tuple[str, ...]:
    return tuple(column("noble_titles", "ending"))


def drop_titles(mentions: list[Mention]) -> list[Mention]:
    """Leave out a noble title right before the person's name (东王 in 东王杨秀清): both link
    to the same person, and the name is the mention; so too before a name the KB does not hold
    (吴王|夫差: the KB's 吴王 is another). A designation (梁武帝 before 萧衍) stays.

    >>> m = [Mention(0, 2, "东王", "PERSON", "p:y", "杨秀清", 0.9),
    ...      Mention(2, 5, "杨秀清", "PERSON", "p:y", "杨秀清", 0.9)]
    >>> [x.text for x in drop_titles(m)]
    ['杨秀清']
    """
    return [m for m, after in zip(mentions, [*mentions[1:], None], strict=False)
            if not (after is not None and m.entity and m.type == "PERSON"
                    and after.start == m.end and after.type == "PERSON"
                    and after.entity in (m.entity, None)
                    and m.text.endswith(_noble_endings()))]


def drop_conferred(mentions: list[Mention], norm: str, lines: int | None) -> list[Mention]:
    """Leave out a title or name a ruler confers (追封|吴王, 封|违命侯, 谥|文肃; in prose,
    赠|吴王 too, where a poem's title says 赠 to its addressee): the person is named by it
    elsewhere, and the text tells of the honour, not of him.

    >>> m = [Mention(2, 4, "吴王", "PERSON", "p:y", "杨行密", 0.9)]
    >>> drop_conferred(m, "追封吴王。", None), len(drop_conferred(m, "又与吴王。", None))
    ([], 1)
    """
    def conferred(m: Mention) -> bool:
        before = norm[m.start - 1:m.start]
        return m.type == "PERSON" and (before in _CONFERRING or (
            before == "赠" and (lines is None or m.start >= lines)))
    return [m for m in mentions if not conferred(m)]


def historical_names(senses, entities) -> tuple:
    """The senses without a place that the name only reaches as an alternative label when a
    time-scoped name of that place (jl:PlaceName) has it as its own: 金陵 is the PlaceName
    金陵, not 南京 by its altLabel (historical names link to the KB's place names)."""
    named = {entities[n.entity].place for n in senses if entities[n.entity].cls == "PlaceName"}
    if not named:
        return senses
    kept = tuple(n for n in senses if not (n.kind != "pref" and entities[n.entity].iri in named))
    return kept or senses


def _support(related: frozenset[str], context: dict[str, int], own: set[str]) -> int:
    """How many of ``related`` the text names, beyond what the proposal itself adds (``own``),
    up to the two that the context feature counts: from whichever of the entity's relations
    and the text's entities is the smaller (a famous man has hundreds of relations).

    >>> _support(frozenset({"a", "b", "c"}), {"a": 1, "b": 2, "c": 5}, {"a", "b"})
    2
    """
    few, many = (related, context) if len(related) <= len(context) else (context, related)
    count = 0
    for iri in few:
        if iri in many and context.get(iri, 0) > (iri in own):
            count += 1
            if count == 2:
                break
    return count


class Disambiguator:
    """The ``jinling_disambiguator`` component."""

    def __init__(self, weights: dict, calibration: str, threshold: float, set_ents: bool):
        self.weights = {name: float(weights.get(name, 0.0)) for name in FEATURES}
        self.model = confidence_weights(calibration)
        self.threshold = threshold
        self._lines: int | None = None  # where the lines of the poem being linked start
        self._ends: set[int] = set()  # where the proposals that won their stretch end
        self._author_death: int | None = None  # when the poem's author died (KB), if known
        self._listed: set[tuple[int, int]] = set()  # its spans a list or context made places
        self.set_ents = set_ents
        self.gazetteer: Gazetteer | None = None
        self.top = 1.0
        self.folds: dict[int, int] = {}
        self._fits: dict[str, float] = {}  # entity IRI -> period fit, for one document
        self._total = 0.0  # the document's dated evidence, summed weight
        self._named: set[str] = set()  # the KB entities the document names fully
        self._described: set[tuple[int, int]] = set()  # events named by a description
        self._eras: dict[int, tuple[int, ...]] = {}  # start -> reign eras a name there may be

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Give the component the KB's compiled gazetteer (before the first call)."""
        self.gazetteer = gazetteer
        self.top = max((e.prominence for e in gazetteer.entities), default=1.0) or 1.0
        self.folds = placename_folds(gazetteer.entities)
        self.rulers = TitledRulers(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        proposals: list[Proposal] = doc._.jl_proposals
        years = _merged(list(doc._.jl_years or []) + self._period_evidence(proposals))
        self._fits, self._total = {}, sum(w for _, _, w in years)
        self._named = self._fully_named(proposals)
        context = self._context(proposals)
        text, norm = doc._.jl_text, doc._.jl_norm
        self._lines = poem_lines(norm)
        self._author_death = self._author_death_year(norm, proposals)
        self._listed = {(p.start, p.end) for p in doc._.jl_candidates or ()
                        if p.type == "PLACE" and p.origin.startswith(SECOND_OPINIONS)}
        self._described = self._descriptions(norm, proposals, doc._.jl_candidates or ())
        self._eras = self._eras_at(proposals)
        self._ends = {q.end for q in proposals}
        mentions, dropped = self._mentions(text, norm, proposals, years, context)
        if dropped and doc._.jl_candidates:
            mentions += self._second_look(doc, mentions, dropped, years, context)
            mentions.sort(key=lambda m: m.start)
        mentions = drop_conferred(drop_titles(mentions), norm, self._lines)
        mentions = bind_courtesy_names(mentions, norm)
        doc._.jl_mentions = mentions
        if self.set_ents:
            # one token per character: token offsets are character offsets; the other
            # characters are left unannotated rather than marked outside one by one
            set_entities(doc, mentions)
        return doc

    def _mentions(self, text: str, norm: str, proposals: list[Proposal], years, context
                  ) -> tuple[list[Mention], list[Proposal]]:
        """The mentions that pass the threshold, and the proposals that did not."""
        mentions, dropped = [], []
        for p in proposals:
            if _owned(norm, p, self._lines) \
                    or _in_office_title(norm, p, self.gazetteer.entities):
                continue  # a plain phrase (盛令|新亭) or an office (国子监主簿): it keeps its
                # stretch from shorter names
            if (p.start, p.end) in self._described:
                dropped.append(p)  # 国民政府定都南京: the names in it take the stretch
                continue
            mention = self.mention(text, norm, p, years, context)
            if mention is not None and mention.score >= self.threshold:
                mentions.append(mention)
            else:
                dropped.append(p)
        return mentions, dropped

    def _descriptions(self, norm: str, proposals: list[Proposal], candidates
                      ) -> set[tuple[int, int]]:
        """The spans of KB events named by a description (国民政府定都南京): no ending of an
        event's own name (event_endings.tsv), and the KB's name of another entity inside."""
        entities, out = self.gazetteer.entities, set()
        for p in proposals:
            if p.origin != KB or not p.senses or norm[p.start:p.end].endswith(_event_endings()) \
                    or any(entities[n.entity].type != "EVENT" for n in p.senses):
                continue
            if any(c.origin == KB and p.start <= c.start and c.end <= p.end
                   and c.length < p.length
                   and any(entities[n.entity].type != "EVENT" for n in c.senses)
                   for c in candidates):
                out.add((p.start, p.end))
        return out

    def _eras_at(self, proposals: list[Proposal]) -> dict[int, tuple[int, ...]]:
        """Start -> the reign eras a KB name there may be (高宗|绍兴八年)."""
        entities = self.gazetteer.entities
        return {p.start: eras for p in proposals if p.origin == KB and (eras := tuple(
            n.entity for n in p.senses if entities[n.entity].cls == "ReignEra"))}

    def _second_look(self, doc: Doc, kept: list[Mention], dropped: list[Proposal], years,
                     context) -> list[Mention]:
        """A proposal that won its stretch of text and then fell below the threshold (a
        guessed 金陵龙光院) gives the stretch back: the proposals it had pushed out (the KB's
        金陵) compete again, away from the mentions kept."""
        taken = bytearray(len(doc))
        for m in kept:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        lost, given_back = {id(p) for p in dropped}, bytearray(len(doc))
        for p in dropped:
            given_back[p.start:p.end] = b"\x01" * p.length
        again = [p for p in doc._.jl_candidates if id(p) not in lost
                 and any(given_back[p.start:p.end]) and not any(taken[p.start:p.end])]
        chosen = resolve(again, doc._.jl_norm, self.gazetteer)
        return self._mentions(doc._.jl_text, doc._.jl_norm, chosen, years, context)[0]

    def _fully_named(self, proposals: list[Proposal]) -> set[str]:
        """The KB entities the text names by more than a courtesy or art name."""
        entities = self.gazetteer.entities
        return {entities[n.entity].iri for p in proposals if p.origin == KB
                for n in p.senses if n.kind not in WEAK_KINDS}

    def _period_evidence(self, proposals: list[Proposal]) -> list[tuple[int, int, float]]:
        """Spans of the periods the text names unambiguously (明代, 洪武), at half weight, and
        the lives of the persons it names by their full names (李璟: 吴 beside him is 南吴)."""
        found = []
        for p in proposals:
            entities = {n.entity for n in p.senses}
            if len(entities) == 1:
                e = self.gazetteer.entities[entities.pop()]
                if e.start is None or e.end is None:
                    continue
                if e.type == "PERIOD":
                    found.append((e.start, e.end, 0.5))
                elif e.type == "PERSON" and p.length >= 3 and p.senses[0].kind == "pref":
                    found.append((e.start, e.end, _LIFE_WEIGHT))
        return found

    def _context(self, proposals: list[Proposal]) -> dict[str, int]:
        """Entity IRI -> number of proposals that may name it (or a name of it)."""
        seen: dict[str, int] = {}
        for p in proposals:
            for iri in {self._iri_and_place(n.entity) for n in p.senses}:
                for one in iri:
                    seen[one] = seen.get(one, 0) + 1
        return seen

    def _iri_and_place(self, at: int) -> tuple[str, ...]:
        e = self.gazetteer.entities[at]
        return (e.iri, e.place) if e.place else (e.iri,)

    def own(self, p: Proposal) -> set[str]:
        """The IRIs a proposal itself puts in the context (not evidence for itself)."""
        return {iri for n in p.senses for iri in self._iri_and_place(n.entity)}

    def features(self, p: Proposal, e: Entity, prior: float, years, context,
                 own: set[str] = frozenset(), cued: bool = True) -> dict[str, float]:
        """The feature values of one sense; ``own``: the IRIs the proposal itself adds;
        ``cued``: whether an era's cue stands beside the name."""
        return {"prior": prior,
                "type": 1.0 if p.type is None or p.type == e.type else 0.0,
                "period": self._fit(e, years),
                "context": _support(e.related, context, own) / 2,
                "prominence": e.prominence / self.top,
                "class": class_priors().get(e.cls, 0.0),
                "era": 0.0 if e.cls == "ReignEra" and not cued else 1.0}

    def _fit(self, e: Entity, years) -> float:
        """`period_fit`, once per entity and document (a name recurs, its senses with it)."""
        fit = self._fits.get(e.iri)
        if fit is None:
            fit = self._fits[e.iri] = period_fit(e, years, total=self._total)
        return fit

    def score(self, values: dict[str, float]) -> float:
        weights = self.weights
        return sum([weights[k] * values[k] for k in FEATURES])  # a list: faster than a generator

    def mention(self, text: str, norm: str, p: Proposal, years, context) -> Mention | None:
        """The mention a proposal makes, or None when no sense fits its type."""
        if self._verse_word(norm, p):
            return None
        if not p.senses:
            return self._unknown(text, norm, p, years)
        gaz = self.gazetteer
        scored, own = [], self.own(p)
        cued = era_cue(norm, p, gaz.singles)
        for n in historical_names(p.senses, gaz.entities):
            if self._unborn(gaz.entities[n.entity]) and not _in_note(norm, p.start):
                continue
            values = self.features(p, gaz.entities[n.entity], n.prior, years, context, own,
                                   cued)
            scored.append((self.score(values), n.entity, n, values))
        if not scored:
            return self._unknown(text, norm, p, years)
        scored.sort(key=lambda s: (-s[0], s[1]))
        best, at, name, values = scored[0]
        entity = gaz.entities[at]
        if p.type is not None and entity.type != p.type:
            return self._unknown(text, norm, p, years)
        if (entity.cls == "ReignEra" or entity.cls == "Dynasty" and name.kind != "pref") \
                and not cued and (norm[p.start:p.end] in listed_texts()
                                  or (p.start, p.end) in self._listed):
            return None  # 望长安, 长乐(今属福建), 知荆南: the place, when no year says era
        if name.kind in WEAK_KINDS and p.type is None and p.origin == KB \
                and entity.iri not in self._named and name.text not in _famous():
            # 与之, 闻道: a courtesy name alone, its person named nowhere else; in a poem's
            # title (寄|山甫|约游, 题安成|刘伯玉|日新亭) another man of that name, whom the
            # poet addresses
            addressed = self._addressed(norm, p, name)
            return None if addressed is None else self._unknown(text, norm, addressed, years)
        margin = best - scored[1][0] if len(scored) > 1 else 3.0
        found = kb_features(norm, p, entity, name, values, margin, gaz)
        entity = gaz.entities[self.folds.get(at, at)]
        return Mention(p.start, p.end, text[p.start:p.end], entity.type, entity.iri,
                       entity.label, round(probability(found, self.model), 4), None, p.origin,
                       found)

    def _addressed(self, norm: str, p: Proposal, name) -> Proposal | None:
        """A two-character courtesy name in a poem's title line that is no everyday word
        (怀古, 山中), with a common surname before it when one stands there (刘|伯玉), as a
        person the KB does not know; else None."""
        if self._lines is None or p.length != 2 or p.end > norm.find("\n") \
                or name.text in self.gazetteer.words:
            return None
        surnamed = surnames().get(norm[p.start - 1:p.start]) == "common" \
            and p.start not in self._ends  # the character is no other mention's last
        return replace(p, start=p.start - surnamed, type="PERSON", senses=(),
                       origin="naming.title")

    def _author_death_year(self, norm: str, proposals: list[Proposal]) -> int | None:
        """When the KB person on a poem's author line died: no one the poem names was born
        later (干王, the Taiping title, in 李白's 长裾曳地干王侯 is no mention)."""
        if self._lines is None:
            return None
        line = norm.find("\n") + 1
        authors = {n.entity for p in proposals if p.start == line and p.end == self._lines
                   for n in p.senses}
        lives = [self.gazetteer.entities[at] for at in authors]
        if len(lives) != 1 or lives[0].type != "PERSON":
            return None
        return lives[0].end

    def _unborn(self, e: Entity) -> bool:
        """Whether a person was born, or a reign era began, after the poem's author died
        (`_author_death_year`)."""
        return (e.type == "PERSON" or e.cls == "ReignEra") and self._author_death is not None \
            and e.start is not None and e.start > self._author_death

    def _verse_word(self, norm: str, p: Proposal) -> bool:
        """明朝 in a poem's lines, with no year count after it (太平三年): tomorrow morning,
        whatever proposed it; 太平时 is a time of peace there."""
        return self._lines is not None and p.start > self._lines \
            and norm[p.start:p.end] in _verse_words() and YEAR_COUNT.match(norm, p.end) is None

    def _unknown(self, text: str, norm: str, p: Proposal, years) -> Mention | None:
        if p.type is None:
            return None
        name = norm[p.start:p.end]
        found = rule_features(p, norm)
        score = round(probability(found, self.model), 4)
        ruler = self._ruler(name, p, years) if p.type == "PERSON" else None
        if ruler is not None:  # 高宗|绍兴八年: the emperor so titled, not a new person
            return Mention(p.start, p.end, text[p.start:p.end], p.type, ruler.iri, ruler.label,
                           score, None, p.origin, found)
        return Mention(p.start, p.end, text[p.start:p.end], p.type, None, None, score,
                       candidate_key(name, p.type), p.origin, found)

    def _ruler(self, name: str, p: Proposal, years) -> Entity | None:
        """The emperor a bare temple title names (`kg.linking.rulers`), or None."""
        if name not in self.rulers:
            return None
        at = self.rulers.choose(name, self._eras.get(p.end, ()), lambda e: self._fit(e, years))
        return None if at is None else self.gazetteer.entities[at]
