"""The linker's confidence: a logistic model over what is known of a mention, fitted on the
development set (``python -m kg.linking.calibrate``), whose weights are the table
kg/linking/tables/calibration.tsv.

A KB mention is described by the kind of name (a preferred label, an alias, a courtesy or art
name), how common the name is as an everyday word (`kg.linking.lexicon`), whether it is a reign
era and whether a year count or a dynasty stands beside it (洪武三年, 明洪武), its length,
whether a rule agreed on its type, the disambiguation features of the chosen sense and its
margin over the next. A name the KB does not know is described by its rule and the rule's
strength. The model's output is the probability that the mention is right (its span, type and
entity), which is what ``jl:confidence`` and the ``score`` of ``jinling link`` report.

>>> round(probability({"kb": 1.0, "prior": 1.0}, {"kb": -1.0, "prior": 3.0}), 3)
0.881
"""

from __future__ import annotations

import math
import re
from functools import cache

from kg.linking.kb import Entity, Name
from kg.linking.model import Proposal
from kg.linking.recognizers.persons import soft_stops
from kg.linking.tables import number, table

# a year count or era word after an era's name (天宝十五载: 载 for 年 in 744-758; 同治以后), an
# edition made in it (嘉庆刻本), or a cyclical year (保大丙寅)
_ERA_CUE = re.compile(r"(?:元|[一二三四五六七八九十廿卅]{1,4})[年载]|年间|年号|初|末|中|时|间|年"
                      r"|[以之][后前]|[刻抄钞刊印]?本(?!人)|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]")
_RULER_ENDS = frozenset("宗帝祖")
_DOTS = "·・"  # 清·乾隆: a dynasty, a dot, an era
WEAK_KINDS = frozenset({"courtesy", "art", "given"})


@cache
def weights(name: str = "calibration") -> dict[str, float]:
    """Feature -> weight from a calibration table."""
    return {r["feature"]: number(r, "weight", name) for r in table(name)}


def probability(features: dict[str, float], model: dict[str, float]) -> float:
    """The logistic model's probability for the features (unknown features weigh 0)."""
    get = model.get
    z = sum([get(k, 0.0) * v for k, v in features.items()])
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def era_cue(norm: str, p: Proposal, singles) -> bool:
    """A year count, era word or edition after the name (光绪本), or before it a dynasty's
    one-character name, also with a dot between (清·乾隆), or an emperor's title (肃宗至德,
    武帝太康)."""
    if _ERA_CUE.match(norm, p.end) is not None:
        return True
    before = p.start - 1
    if before >= 0 and norm[before] in _DOTS:
        before -= 1
    return before >= 0 and (norm[before] in singles or norm[before] in _RULER_ENDS)


def kb_features(norm: str, p: Proposal, entity: Entity, name: Name, values: dict[str, float],
                margin: float, gazetteer) -> dict[str, float]:
    """The confidence features of a KB mention with its chosen sense."""
    text = norm[p.start:p.end]
    common = gazetteer.common.get(text, 0.0) / 10
    weak = name.kind in WEAK_KINDS
    era = entity.cls == "ReignEra"
    cue = era and era_cue(norm, p, gazetteer.singles)
    return {"kb": 1.0, "prior": name.prior, "weak": float(weak),
            "alias": float(name.kind in ("alias", "alt")), "common": common,
            "common_weak": common * float(weak or era or name.kind == "alias"),
            "era": float(era), "era_cue": float(cue), "single": float(len(text) == 1),
            "short": float(len(text) == 2), "evidence": float(p.type is not None),
            "period": values["period"] - 0.5, "context": values["context"],
            "prominence": values["prominence"], "margin": min(margin, 3.0),
            "ambiguous": float(len({n.entity for n in p.senses}) > 1)}


def rule_features(p: Proposal, norm: str = "") -> dict[str, float]:
    """The confidence features of a name the KB does not know (or a rule's KB link): its rule
    and strength, and by type whether a verb of motion or office stands right before it (登|
    梅冈, 住|长生山: name_soft_stops.tsv) and whether it is four characters or longer."""
    found = {"rule": 1.0, "strength": p.strength, f"origin:{p.origin}": 1.0}
    if p.start > 0 and norm[p.start - 1:p.start] in soft_stops():
        found[f"after_verb:{p.type}"] = 1.0
    if p.length >= 4:
        found[f"long:{p.type}"] = 1.0
    return found

