-- One name for the payout account (一卡通账户) everywhere: `account`, as payments and payroll rows already call it.
ALTER TABLE households RENAME COLUMN account_number TO account;
