-- 动态口令 (TOTP, RFC 6238) as the second authentication factor (等保 level 3: two factors,
-- one cryptographic). The secret is sealed by the auth module (AES-256-GCM when FUPIN_TOTP_KEY
-- is set) and never leaves the server after enrolment.
ALTER TABLE app_user
  ADD COLUMN totp_secret     text,          -- sealed secret; set with totp_enabled_at NULL while an enrolment awaits its first code
  ADD COLUMN totp_enabled_at timestamptz,   -- NULL: TOTP off
  ADD COLUMN totp_last_step  integer;       -- last accepted 30 s time step: a code of this step or an earlier one is a replay

-- A session whose password was right but whose second factor is still owed ("half-session"):
-- it reaches nothing but the second login step and logout.
ALTER TABLE session
  ADD COLUMN second_factor_pending boolean NOT NULL DEFAULT false;
