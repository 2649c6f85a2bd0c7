-- kplay's store: short links and session event logs. Portable SQL (H2 and PostgreSQL).

-- A short link: the scenario JSON under the id derived from its content hash. Immutable.
CREATE TABLE link (
    id         VARCHAR(64)  PRIMARY KEY,
    scenario   TEXT         NOT NULL,
    created_at TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- A session's event log: one JSON event per row, numbered from 0 in the order they happened.
CREATE TABLE session_event (
    session_id VARCHAR(64)  NOT NULL,
    seq        INTEGER      NOT NULL,
    event      TEXT         NOT NULL,
    PRIMARY KEY (session_id, seq)
);
