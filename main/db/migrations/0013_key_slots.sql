-- Encryption at rest: a password now lives only as a key slot in the key file beside the ledger (db/keys.ts), which
-- also counts wrong passwords so a lockout holds while the ledger is closed. The staff table keeps who and what.
-- A plain ledger's hashes were turned into slots by its upgrade (db/upgrade.ts) before this runs.

ALTER TABLE staff DROP COLUMN password_hash;

ALTER TABLE staff DROP COLUMN password_salt;

ALTER TABLE staff DROP COLUMN password_params;

ALTER TABLE staff DROP COLUMN failed_attempts;

ALTER TABLE staff DROP COLUMN locked_until;
