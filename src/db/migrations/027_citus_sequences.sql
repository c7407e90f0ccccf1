-- Citus (issue 22): a distributed table cannot keep an identity column, so the ids of county
-- tables come from a plain sequence default instead (the same numbers, the same type, continuing
-- where the identity stopped). On Citus, a sequence default of a distributed table is handed out
-- by the coordinator (bigint), as `bigserial` is.

ALTER TABLE fund_allocation ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE fund_allocation_id_seq AS bigint OWNED BY fund_allocation.id;
SELECT setval('fund_allocation_id_seq', COALESCE((SELECT max(id) FROM fund_allocation), 0) + 1, false);
ALTER TABLE fund_allocation ALTER COLUMN id SET DEFAULT nextval('fund_allocation_id_seq');

ALTER TABLE fund_disbursement ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE fund_disbursement_id_seq AS bigint OWNED BY fund_disbursement.id;
SELECT setval('fund_disbursement_id_seq', COALESCE((SELECT max(id) FROM fund_disbursement), 0) + 1, false);
ALTER TABLE fund_disbursement ALTER COLUMN id SET DEFAULT nextval('fund_disbursement_id_seq');

ALTER TABLE fund_source ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE fund_source_id_seq AS bigint OWNED BY fund_source.id;
SELECT setval('fund_source_id_seq', COALESCE((SELECT max(id) FROM fund_source), 0) + 1, false);
ALTER TABLE fund_source ALTER COLUMN id SET DEFAULT nextval('fund_source_id_seq');

ALTER TABLE household_measure ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE household_measure_id_seq AS bigint OWNED BY household_measure.id;
SELECT setval('household_measure_id_seq', COALESCE((SELECT max(id) FROM household_measure), 0) + 1, false);
ALTER TABLE household_measure ALTER COLUMN id SET DEFAULT nextval('household_measure_id_seq');

ALTER TABLE loan ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE loan_id_seq AS bigint OWNED BY loan.id;
SELECT setval('loan_id_seq', COALESCE((SELECT max(id) FROM loan), 0) + 1, false);
ALTER TABLE loan ALTER COLUMN id SET DEFAULT nextval('loan_id_seq');

ALTER TABLE pairing ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE pairing_id_seq AS bigint OWNED BY pairing.id;
SELECT setval('pairing_id_seq', COALESCE((SELECT max(id) FROM pairing), 0) + 1, false);
ALTER TABLE pairing ALTER COLUMN id SET DEFAULT nextval('pairing_id_seq');

ALTER TABLE procedure_case ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE procedure_case_id_seq AS bigint OWNED BY procedure_case.id;
SELECT setval('procedure_case_id_seq', COALESCE((SELECT max(id) FROM procedure_case), 0) + 1, false);
ALTER TABLE procedure_case ALTER COLUMN id SET DEFAULT nextval('procedure_case_id_seq');

ALTER TABLE procedure_evidence ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE procedure_evidence_id_seq AS bigint OWNED BY procedure_evidence.id;
SELECT setval('procedure_evidence_id_seq', COALESCE((SELECT max(id) FROM procedure_evidence), 0) + 1, false);
ALTER TABLE procedure_evidence ALTER COLUMN id SET DEFAULT nextval('procedure_evidence_id_seq');

ALTER TABLE procedure_notice ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE procedure_notice_id_seq AS bigint OWNED BY procedure_notice.id;
SELECT setval('procedure_notice_id_seq', COALESCE((SELECT max(id) FROM procedure_notice), 0) + 1, false);
ALTER TABLE procedure_notice ALTER COLUMN id SET DEFAULT nextval('procedure_notice_id_seq');

ALTER TABLE procedure_objection ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE procedure_objection_id_seq AS bigint OWNED BY procedure_objection.id;
SELECT setval('procedure_objection_id_seq', COALESCE((SELECT max(id) FROM procedure_objection), 0) + 1, false);
ALTER TABLE procedure_objection ALTER COLUMN id SET DEFAULT nextval('procedure_objection_id_seq');

ALTER TABLE project ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE project_id_seq AS bigint OWNED BY project.id;
SELECT setval('project_id_seq', COALESCE((SELECT max(id) FROM project), 0) + 1, false);
ALTER TABLE project ALTER COLUMN id SET DEFAULT nextval('project_id_seq');

ALTER TABLE risk_event ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE risk_event_id_seq AS bigint OWNED BY risk_event.id;
SELECT setval('risk_event_id_seq', COALESCE((SELECT max(id) FROM risk_event), 0) + 1, false);
ALTER TABLE risk_event ALTER COLUMN id SET DEFAULT nextval('risk_event_id_seq');

ALTER TABLE spot_check_draw ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE spot_check_draw_id_seq AS bigint OWNED BY spot_check_draw.id;
SELECT setval('spot_check_draw_id_seq', COALESCE((SELECT max(id) FROM spot_check_draw), 0) + 1, false);
ALTER TABLE spot_check_draw ALTER COLUMN id SET DEFAULT nextval('spot_check_draw_id_seq');
