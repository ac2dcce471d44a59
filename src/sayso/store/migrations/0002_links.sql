-- Linking across articles (sayso.link): canonical speakers, claims, and relations between
-- statements. Statements are joined by their id; link rows whose statement is gone (its article
-- was re-extracted) are cleared by the next `sayso link`.

CREATE TABLE speakers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,           -- name casefolded, for filtering
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'country', 'unnamed')),
    affiliation TEXT
);
CREATE INDEX speakers_name_key ON speakers (name_key);

CREATE TABLE speaker_aliases (
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (speaker_id, alias)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases (alias_key);

CREATE TABLE speaker_roles (
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    first_seen TEXT,                  -- ISO date
    last_seen TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, role)
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    size INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    centroid BLOB NOT NULL,           -- float32 vector, little-endian
    keys TEXT NOT NULL                -- JSON {key: member count}
);

-- What linking decided for each statement: its canonical speaker, its claim, its embedding.
CREATE TABLE statement_links (
    statement_id TEXT PRIMARY KEY,
    speaker_id TEXT,
    claim_id TEXT,
    vector BLOB                       -- float16 embedding of the content, little-endian
);
CREATE INDEX statement_links_speaker ON statement_links (speaker_id);
CREATE INDEX statement_links_claim ON statement_links (claim_id);

CREATE TABLE links (
    a TEXT NOT NULL,                  -- statement ids
    b TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('supports', 'contradicts', 'denies', 'repeats')),
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    claim_id TEXT,
    PRIMARY KEY (a, b)
);
CREATE INDEX links_b ON links (b);
CREATE INDEX links_relation ON links (relation, score);
