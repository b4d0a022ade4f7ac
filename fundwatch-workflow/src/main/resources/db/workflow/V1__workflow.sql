-- The workflow store of the suspicious-point review (疑点处理). Plain SQL, applied by Flyway.

-- One load of a screening run's output (fundwatch load).
CREATE TABLE screening_run (
    run_id            bigserial PRIMARY KEY,
    loaded_at         timestamp   NOT NULL,
    source            text        NOT NULL,
    rule_pack         text,
    rule_pack_version text,
    dataset_sha256    text,
    period            text,
    findings_read     integer     NOT NULL,
    findings_new      integer     NOT NULL,
    findings_refreshed integer    NOT NULL,
    findings_kept     integer     NOT NULL,
    lines_read        integer     NOT NULL,
    lines_new         integer     NOT NULL
);

-- A finding (疑点) with the columns of FORMAT.md and its place in the workflow.
CREATE TABLE finding (
    jr_id          text          PRIMARY KEY,
    rule_id        text          NOT NULL,
    rule_version   integer       NOT NULL,
    rule_name      text          NOT NULL,
    vola_bhvr_type text          NOT NULL,
    grain          text          NOT NULL,
    period         text          NOT NULL,
    month          text          NOT NULL,
    sev_deg        smallint      NOT NULL,
    action         text          NOT NULL,
    vola_amt       numeric(18,2),
    vola_cont      text          NOT NULL,
    vola_cont_en   text,
    vola_evid      text,
    indicator      text,
    psn_no         text,
    certno         text,
    mdtrt_id       text,
    setl_id        text,
    feedetl_sn     text,
    fixmedins_code text,
    hilist_code    text,
    occur_time     timestamp,
    first_run      bigint        NOT NULL, -- the screening_run that brought it (set by the loader)
    state          text          NOT NULL DEFAULT 'NEW',
    state_since    timestamp     NOT NULL,
    due_date       date,
    pushed_at      timestamp,
    track          text,
    assignee       text,
    CHECK (track IS NULL OR track IN ('AGREEMENT', 'PENALTY'))
);
CREATE INDEX finding_queue ON finding (state, month, jr_id);
CREATE INDEX finding_institution ON finding (fixmedins_code, month);
CREATE INDEX finding_type ON finding (vola_bhvr_type, month);
CREATE INDEX finding_rule ON finding (rule_id);
CREATE INDEX finding_assignee ON finding (assignee, state);
CREATE INDEX finding_due ON finding (due_date) WHERE due_date IS NOT NULL;
-- keyset paging of the queue by amount and by time (the row comparisons of FindingQueue)
CREATE INDEX finding_amount ON finding ((coalesce(vola_amt, -1)), jr_id);
CREATE INDEX finding_time ON finding ((coalesce(occur_time, TIMESTAMP '1900-01-01')), jr_id);
CREATE INDEX finding_person ON finding (psn_no);
CREATE INDEX finding_pushed ON finding (fixmedins_code, pushed_at) WHERE pushed_at IS NOT NULL;

-- A fee line a finding names: 1 violating (违规项), 2 involved (涉及项).
-- No foreign key to finding: the loader refuses lines of unknown findings before it inserts them, and a per-row
-- check would halve the speed of loading a month's findings.
CREATE TABLE finding_line (
    jr_id          text          NOT NULL,
    feedetl_sn     text          NOT NULL,
    vola_item_type smallint      NOT NULL CHECK (vola_item_type IN (1, 2)),
    vola_amt       numeric(18,2),
    PRIMARY KEY (jr_id, feedetl_sn)
);

-- The case file (案卷): the persons, institutions, visits and fee lines the findings refer to, copied from the
-- dataset at load time so that the workflow never needs the dataset again.
CREATE TABLE person (
    psn_no    text PRIMARY KEY,
    certno    text NOT NULL,
    psn_name  text,
    gend      text,
    brdy      date
);
CREATE TABLE institution (
    fixmedins_code  text PRIMARY KEY,
    fixmedins_name  text NOT NULL,
    fixmedins_type  text,
    medins_lv       text,
    admdvs          text
);
CREATE TABLE visit (
    mdtrt_id           text PRIMARY KEY,
    psn_no             text NOT NULL,
    fixmedins_code     text NOT NULL,
    med_type           text NOT NULL,
    begntime           timestamp NOT NULL,
    endtime            timestamp,
    dscg_maindiag_code text,
    dscg_maindiag_name text,
    medfee_sumamt      numeric(18,2),
    fund_pay_sumamt    numeric(18,2)
);
CREATE INDEX visit_person ON visit (psn_no, begntime);
CREATE TABLE fee_line (
    feedetl_sn          text PRIMARY KEY,
    mdtrt_id            text NOT NULL,
    fee_ocur_time       timestamp NOT NULL,
    med_list_codg       text NOT NULL,
    item_name           text,
    cnt                 numeric(16,4) NOT NULL,
    pric                numeric(16,6) NOT NULL,
    det_item_fee_sumamt numeric(18,2) NOT NULL
);
CREATE INDEX fee_line_visit ON fee_line (mdtrt_id, fee_ocur_time);

-- Settlements per institution and month of every loaded dataset (net of reversals), for the dashboard and the
-- institution profiles: the denominator of every finding count and amount.
CREATE TABLE settlement_month (
    fixmedins_code  text          NOT NULL,
    month           text          NOT NULL,
    settlements     bigint        NOT NULL,
    visits          bigint        NOT NULL,
    persons         bigint        NOT NULL,
    medfee_sumamt   numeric(18,2) NOT NULL,
    fund_pay_sumamt numeric(18,2) NOT NULL,
    PRIMARY KEY (fixmedins_code, month)
);

-- The working-day calendar a bureau maintains: Monday to Friday work unless HOLIDAY, weekends off unless WORKDAY
-- (调休, a moved working day).
CREATE TABLE calendar_day (
    day   date PRIMARY KEY,
    kind  text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name  text
);

-- Settings a bureau changes without code.
CREATE TABLE workflow_setting (
    name  text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO workflow_setting (name, value) VALUES
    ('appeal_working_days', '10'),
    ('statement_working_days', '5'),
    ('hearing_request_working_days', '5'),
    ('director_approval_above', '50000'),
    ('bureau_name', '医疗保障局');

-- An institution's appeal (申诉) or statement and defence (陈述申辩), with its evidence files.
CREATE TABLE submission (
    submission_id  bigserial PRIMARY KEY,
    jr_id          text      NOT NULL REFERENCES finding,
    kind           text      NOT NULL CHECK (kind IN ('APPEAL', 'STATEMENT')),
    text           text      NOT NULL,
    submitted_by   text      NOT NULL,
    submitted_at   timestamp NOT NULL
);
CREATE INDEX submission_finding ON submission (jr_id);
CREATE TABLE evidence_file (
    evidence_id    bigserial PRIMARY KEY,
    submission_id  bigint    NOT NULL REFERENCES submission,
    file_name      text      NOT NULL,
    content_type   text      NOT NULL,
    size_bytes     integer   NOT NULL,
    sha256         text      NOT NULL,
    content        bytea     NOT NULL
);

-- A measure decided on a finding: agreement handling (协议处理), administrative penalty (行政处罚), public
-- criticism (通报批评) or referral (移送).
CREATE TABLE measure (
    measure_id     bigserial PRIMARY KEY,
    jr_id          text          NOT NULL REFERENCES finding,
    kind           text          NOT NULL,
    status         text          NOT NULL CHECK (status IN ('PENDING', 'EFFECTIVE', 'RETURNED')),
    amount         numeric(18,2) CHECK (amount >= 0),
    fine_multiple  numeric(4,2),
    fine_amount    numeric(18,2) CHECK (fine_amount >= 0),
    fraud          boolean,
    referral       text,
    working_days   integer,
    detail         text,
    decided_by     text          NOT NULL,
    decided_at     timestamp     NOT NULL,
    approved_by    text,
    approved_at    timestamp
);
CREATE INDEX measure_finding ON measure (jr_id);

-- Money deducted (拒付/扣款), recovered (追回), liquidated damages (违约金) and fines (罚款), per institution and month.
CREATE TABLE ledger_entry (
    entry_id       bigserial PRIMARY KEY,
    fixmedins_code text          NOT NULL,
    month          text          NOT NULL,
    kind           text          NOT NULL CHECK (kind IN ('DEDUCTION', 'RECOVERY', 'LIQUIDATED_DAMAGES', 'FINE')),
    amount         numeric(18,2) NOT NULL CHECK (amount >= 0),
    jr_id          text          REFERENCES finding,
    measure_id     bigint        REFERENCES measure,
    booked_by      text          NOT NULL,
    booked_at      timestamp     NOT NULL
);
CREATE INDEX ledger_institution ON ledger_entry (fixmedins_code, month);

-- Every transition: who, when, from, to, why. Append-only (see the triggers below).
CREATE TABLE audit_log (
    audit_id    bigserial PRIMARY KEY,
    at          timestamp NOT NULL,
    actor       text      NOT NULL,
    role        text      NOT NULL,
    jr_id       text,
    action      text      NOT NULL,
    from_state  text,
    to_state    text,
    reason      text
);
CREATE INDEX audit_finding ON audit_log (jr_id, audit_id);

-- Every unmasked view of personal data: who saw whose record, when.
CREATE TABLE personal_data_view (
    view_id   bigserial PRIMARY KEY,
    at        timestamp NOT NULL,
    viewer    text      NOT NULL,
    role      text      NOT NULL,
    psn_no    text      NOT NULL,
    jr_id     text,
    purpose   text      NOT NULL
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'APPEND_ONLY: % is append-only; % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- statement triggers: a change is refused even when it would touch no row
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER personal_data_view_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON personal_data_view
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The people who work the findings. Passwords as bcrypt hashes only.
CREATE TABLE app_user (
    username        text      PRIMARY KEY,
    display_name    text      NOT NULL,
    role            text      NOT NULL CHECK (role IN ('AUDITOR', 'REVIEWER', 'DIRECTOR', 'INSTITUTION', 'ADMIN')),
    fixmedins_code  text,
    password_hash   text      NOT NULL,
    enabled         boolean   NOT NULL DEFAULT true,
    created_at      timestamp NOT NULL,
    CHECK ((role = 'INSTITUTION') = (fixmedins_code IS NOT NULL))
);

-- The bureau's rule packs (规则包): one live, at most one draft, each kept whole (its two files); a published pack
-- is never changed again, the next version is a new row.
CREATE TABLE rule_pack (
    pack_row      bigserial PRIMARY KEY,
    pack_id       text      NOT NULL,
    version       text      NOT NULL,
    status        text      NOT NULL CHECK (status IN ('DRAFT', 'LIVE', 'RETIRED')),
    properties    text      NOT NULL,
    rules_csv     text      NOT NULL,
    based_on      bigint,
    created_by    text      NOT NULL,
    created_at    timestamp NOT NULL,
    published_by  text,
    published_at  timestamp,
    note          text
);
CREATE UNIQUE INDEX rule_pack_one_live ON rule_pack (status) WHERE status = 'LIVE';
CREATE UNIQUE INDEX rule_pack_one_draft ON rule_pack (status) WHERE status = 'DRAFT';

-- Findings counted per month, type, institution, state and assignee, kept by the finding table's own statement
-- triggers (in the transaction of every load and every workflow step), so that the dashboard reads a few thousand
-- rows instead of grouping a million findings after each change. Missing institution and assignee are ''.
CREATE TABLE finding_tally (
    month          text          NOT NULL,
    vola_bhvr_type text          NOT NULL,
    fixmedins_code text          NOT NULL,
    state          text          NOT NULL,
    assignee       text          NOT NULL,
    findings       bigint        NOT NULL,
    amount         numeric(20,2) NOT NULL,
    PRIMARY KEY (month, vola_bhvr_type, fixmedins_code, state, assignee)
);

CREATE FUNCTION tally_findings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- rows in key order, so that two transactions lock tally rows in the same order and never deadlock
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO finding_tally AS t
        SELECT month, vola_bhvr_type, coalesce(fixmedins_code, ''), state, coalesce(assignee, ''), -count(*),
               -coalesce(sum(vola_amt), 0)
        FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (month, vola_bhvr_type, fixmedins_code, state, assignee)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings, amount = t.amount + EXCLUDED.amount;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO finding_tally AS t
        SELECT month, vola_bhvr_type, coalesce(fixmedins_code, ''), state, coalesce(assignee, ''), count(*),
               coalesce(sum(vola_amt), 0)
        FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (month, vola_bhvr_type, fixmedins_code, state, assignee)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings, amount = t.amount + EXCLUDED.amount;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER finding_tally_insert AFTER INSERT ON finding REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tally_findings();
CREATE TRIGGER finding_tally_update AFTER UPDATE ON finding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tally_findings();
CREATE TRIGGER finding_tally_delete AFTER DELETE ON finding REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tally_findings();

-- The tally from scratch, for a load so big that it drops the finding table's indexes and triggers: one grouping
-- of the whole table instead of one of the million new rows.
CREATE FUNCTION rebuild_finding_tally() RETURNS void LANGUAGE sql AS $$
    DELETE FROM finding_tally;
    INSERT INTO finding_tally
    SELECT month, vola_bhvr_type, coalesce(fixmedins_code, ''), state, coalesce(assignee, ''), count(*),
           coalesce(sum(vola_amt), 0)
    FROM finding GROUP BY 1, 2, 3, 4, 5;
$$;
