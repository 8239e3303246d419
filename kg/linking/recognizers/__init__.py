"""Recognisers of names the KB does not know, registered in spaCy's ``registry.misc``.

A recogniser is a callable ``(normalised text, proposals so far) -> new proposals``; it may
have ``set_gazetteer(gazetteer)`` to see the KB. Each is built by a registered function
(versioned name) that the config names:

- ``jinling.works.v1``: titles in book-title marks 《》 (`works`);
- ``jinling.persons.v1``: surname + given name beside a title, a byline, life years or a
  speech verb, and the other places the document repeats a name so found (`persons`);
- ``jinling.naming.v1``: persons by the ways biographies, poems and profiles name them: 字少伯,
  号钟隐, the subject at the head of a biography, 与刘长卿善, the addressee of a poem's title,
  云居舜禅师 (`naming`);
- ``jinling.references.v1``: a person the text named in full, referred back to by the given
  name (铉 of 徐铉) or beside a kinship word (弟锴) (`references`);
- ``jinling.places.v1``: places the words around them give away: 婺、光、庐、颍等州, 汜水 in
  调汜水尉, 兴化 in 兴化人 (`places`);
- ``jinling.suffixes.v1``: places, organisations and events by the endings of their names
  (路, 湖, 寺 …; 图书馆, 大学, 委员会 …; 战役, 之乱 …) (`suffixes`);
- ``jinling.patterns.v1``: names a regular expression finds (十八大, 太宗) (`patterns`);
- ``jinling.quoted.v1``: quoted names that the word after them types (“阅美”系列) (`quoted`);
- ``jinling.tagger.v1``: persons named with no cue, by a logistic model over the characters
  in and around a surname and given name, fitted on the development sets (`tagger`);
- ``jinling.lexicon.v1``: places outside the KB from lists of names (杭州, 长安) (`lexicon`).

Their rules and word lists are tables in ``kg/linking/tables/``.
"""

from kg.linking.recognizers import (
                                    lexicon,
                                    naming,
                                    patterns,
                                    persons,
                                    places,
                                    quoted,
                                    references,
                                    suffixes,
                                    tagger,
                                    works,
)

__all__ = ["lexicon", "naming", "patterns", "persons", "places", "quoted", "references", "suffixes",
           "tagger", "works"]
