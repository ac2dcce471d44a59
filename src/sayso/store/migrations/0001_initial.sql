-- The first schema: articles, their statements, and a full-text index over statements.

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,          -- insertion order; kept when an article is re-extracted
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    url TEXT,
    author TEXT,
    published TEXT,                   -- ISO date, YYYY-MM-DD
    language TEXT,
    path TEXT,
    raw TEXT                          -- the input as received, kept for audit
);

CREATE TABLE statements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,         -- position of the statement in its article
    speaker TEXT,
    speaker_key TEXT,                 -- speaker casefolded, for case-insensitive filtering
    speaker_kind TEXT NOT NULL
        CHECK (speaker_kind IN ('person', 'organisation', 'country', 'unnamed')),
    role TEXT,
    source TEXT NOT NULL,             -- JSON array of {start_char, end_char, text}
    cue TEXT,                         -- JSON {start_char, end_char, text} or NULL
    content TEXT NOT NULL,            -- JSON array of {start_char, end_char, text}
    content_text TEXT NOT NULL,       -- content span texts joined with ' … ', for search
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
    polarity TEXT NOT NULL CHECK (polarity IN ('asserts', 'denies')),
    date TEXT,
    channel TEXT,
    relayed_by TEXT,
    confidence REAL NOT NULL,
    UNIQUE (article_id, ordinal)
);

CREATE INDEX statements_id ON statements (id);
CREATE INDEX statements_speaker ON statements (speaker);
CREATE INDEX statements_speaker_key ON statements (speaker_key);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    content_text,
    speaker,
    content = 'statements',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, content_text, speaker)
    VALUES (new.seq, new.content_text, new.speaker);
END;

CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker)
    VALUES ('delete', old.seq, old.content_text, old.speaker);
END;

CREATE TRIGGER statements_fts_update AFTER UPDATE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker)
    VALUES ('delete', old.seq, old.content_text, old.speaker);
    INSERT INTO statements_fts (rowid, content_text, speaker)
    VALUES (new.seq, new.content_text, new.speaker);
END;
