-- The ledger of batch ingests (sayso.batch), PostgreSQL dialect: the same tables as
-- ../0004_jobs.sql. Times are epoch seconds.

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,              -- a digest of the resolved inputs and the options
    inputs TEXT NOT NULL,             -- JSON array: the paths as given
    options TEXT NOT NULL,            -- JSON object: model, fields, shard size, ...
    shards INTEGER NOT NULL,          -- how many shards the plan has
    created DOUBLE PRECISION NOT NULL,
    started DOUBLE PRECISION NOT NULL,            -- when the latest run of the job began
    updated DOUBLE PRECISION NOT NULL             -- when a shard of it was last saved
);

CREATE TABLE shards (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,         -- position in the plan: shards are saved in this order
    kind TEXT NOT NULL CHECK (kind IN ('files', 'records', 'row_group', 'input', 'error')),
    spec TEXT NOT NULL,               -- JSON: the shard as planned (paths, record range)
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'running', 'done', 'failed')),
    worker TEXT,                      -- the process (pid) or dask worker that holds or held it
    articles INTEGER NOT NULL DEFAULT 0,   -- articles saved: added, replaced or unchanged
    added INTEGER NOT NULL DEFAULT 0,
    replaced INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    statements INTEGER NOT NULL DEFAULT 0, -- of the articles added or replaced
    errors INTEGER NOT NULL DEFAULT 0,
    started DOUBLE PRECISION,
    finished DOUBLE PRECISION,
    seconds DOUBLE PRECISION,                     -- time spent extracting, in the worker
    PRIMARY KEY (job_id, ordinal)
);

CREATE INDEX shards_state ON shards (job_id, state);

CREATE TABLE errors (
    job_id TEXT NOT NULL,
    shard INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,         -- position among the shard's errors
    source TEXT NOT NULL,             -- the path, URL or <stdin>
    line INTEGER,                     -- the line (or record) in a corpus file, where known
    error TEXT NOT NULL,              -- the error class, e.g. MalformedRecord
    reason TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0,    -- 1 for inputs passed over on purpose (not English)
    recorded DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job_id, shard, ordinal),
    FOREIGN KEY (job_id, shard) REFERENCES shards (job_id, ordinal) ON DELETE CASCADE
);
