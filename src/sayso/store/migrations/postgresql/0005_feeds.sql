-- What is remembered of each RSS/Atom feed between polls, PostgreSQL dialect: the same table
-- as ../0005_feeds.sql.

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,             -- the feed's URL, or a feed file's path as given
    etag TEXT,                        -- its last ETag header, sent back as If-None-Match
    modified TEXT,                    -- its last Last-Modified header, as If-Modified-Since
    polled TEXT,                      -- when it was last read, ISO 8601 UTC
    entries TEXT NOT NULL DEFAULT '[]'  -- JSON array: keys (id, else link) of entries taken
);
