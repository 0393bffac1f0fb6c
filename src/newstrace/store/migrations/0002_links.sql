-- Actor linking over the store (link stage): canonical actors with stable IDs,
-- and which actors each signal speaks for (its own actor and its ancestors).
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    canonical TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    qid TEXT,
    parent TEXT,
    known INTEGER NOT NULL
);

CREATE TABLE signal_actors (
    signal_id TEXT NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (signal_id, actor_id)
);
CREATE INDEX signal_actors_actor ON signal_actors(actor_id);
