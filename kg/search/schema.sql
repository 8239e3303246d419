-- The search index: one SQLite file that kg.search rebuilds from the store at any time.
-- resource: one row per indexed resource; owner is the record a part belongs to ('' for none),
--   label its own best name ('' for a paragraph, which shows its record's).
-- facet: the values a search is narrowed and counted by (kind type, graph, period).
-- name: labels, aliases and titles; norm is the folded name (kg.search.text.fold) that exact and
--   prefix matches compare, tokens what name_fts indexes, pinyin its syllables.
-- spell: the typed-prefix keys of names with Han characters: pinyin run together (kind 0) and
--   initials (kind 1), with the name's length and rank so that suggest reads only this index.
-- body: text of paragraphs, pages, transcript segments and documents.
-- The *_fts tables are FTS5 indexes over name and body (external content, kept by triggers).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE resource (
  id INTEGER PRIMARY KEY,
  iri TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  type TEXT NOT NULL,
  label TEXT NOT NULL
);
CREATE INDEX resource_owner ON resource (owner) WHERE owner != '';
CREATE TABLE facet (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  resource INTEGER NOT NULL,
  PRIMARY KEY (kind, value, resource)
) WITHOUT ROWID;
CREATE INDEX facet_resource ON facet (resource);
CREATE TABLE name (
  id INTEGER PRIMARY KEY,
  resource INTEGER NOT NULL,
  kind TEXT NOT NULL,
  rank INTEGER NOT NULL,
  text TEXT NOT NULL,
  norm TEXT NOT NULL,
  length INTEGER NOT NULL,
  tokens TEXT NOT NULL,
  pinyin TEXT NOT NULL
);
CREATE INDEX name_resource ON name (resource);
CREATE INDEX name_norm ON name (norm, length, rank, resource);
CREATE TABLE spell (
  key TEXT NOT NULL,
  kind INTEGER NOT NULL,
  length INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  name INTEGER NOT NULL,
  PRIMARY KEY (key, kind, name)
) WITHOUT ROWID;
CREATE INDEX spell_name ON spell (name);
CREATE TABLE body (
  id INTEGER PRIMARY KEY,
  resource INTEGER NOT NULL,
  text TEXT NOT NULL,
  tokens TEXT NOT NULL
);
CREATE INDEX body_resource ON body (resource);
CREATE VIRTUAL TABLE name_fts USING fts5 (
  tokens, pinyin, content = 'name', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE body_fts USING fts5 (
  tokens, content = 'body', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER name_added AFTER INSERT ON name BEGIN
  INSERT INTO name_fts (rowid, tokens, pinyin) VALUES (new.id, new.tokens, new.pinyin);
END;
CREATE TRIGGER name_removed AFTER DELETE ON name BEGIN
  INSERT INTO name_fts (name_fts, rowid, tokens, pinyin)
  VALUES ('delete', old.id, old.tokens, old.pinyin);
  DELETE FROM spell WHERE name = old.id;
END;
CREATE TRIGGER body_added AFTER INSERT ON body BEGIN
  INSERT INTO body_fts (rowid, tokens) VALUES (new.id, new.tokens);
END;
CREATE TRIGGER body_removed AFTER DELETE ON body BEGIN
  INSERT INTO body_fts (body_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
