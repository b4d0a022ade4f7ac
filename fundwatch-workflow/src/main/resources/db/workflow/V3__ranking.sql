-- The risk ranking (风险排名) ranks physicians by the attending physician of the visits their findings name:
-- the case file now carries it.
ALTER TABLE visit ADD COLUMN atddr_no text;
CREATE INDEX visit_physician ON visit (atddr_no) WHERE atddr_no IS NOT NULL;
-- the outlying indicator months the ranking reads
CREATE INDEX indicator_value_outlier ON indicator_value (unit_level, fixmedins_code) WHERE robust_z >= 3;
