-- The indicator table (指标表) of the screening runs loaded: one row per unit (institution, department or physician),
-- settlement month and indicator, with the unit's peer group and the peers' median, MAD and the robust z, as
-- fundwatch screen writes them to indicators.csv. A load replaces the rows of the months its file holds.
CREATE TABLE indicator_value (
    unit_level        text             NOT NULL CHECK (unit_level IN ('INSTITUTION', 'DEPARTMENT', 'PHYSICIAN')),
    fixmedins_code    text             NOT NULL,
    dept_code         text             NOT NULL,
    dr_code           text             NOT NULL,
    month             text             NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
    indicator         text             NOT NULL,
    value             double precision NOT NULL,
    denominator_count bigint           NOT NULL,
    fixmedins_type    text             NOT NULL,
    medins_lv         text             NOT NULL,
    medins_type       text             NOT NULL,
    peers             integer          NOT NULL,
    peer_median       double precision,
    peer_mad          double precision,
    robust_z          double precision,
    PRIMARY KEY (fixmedins_code, unit_level, dept_code, dr_code, indicator, month)
);
-- the peer distribution of one indicator and month (the institution profile's boxplots)
CREATE INDEX indicator_value_peers ON indicator_value (unit_level, indicator, month, fixmedins_type, medins_lv,
    medins_type);
CREATE INDEX indicator_value_month ON indicator_value (month);
