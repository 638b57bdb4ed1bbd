-- Monthly allowances townships pay besides 低保金 and 特困供养金: 孤儿基本生活费 (orphans and de facto orphans) and
-- 高龄津贴 (residents aged 80 and over). Data, editable by an admin like every relief kind.
INSERT INTO relief_kinds (code, name, parent_code, materials, time_limit_days, recurrence, max_per_year, sort_order) VALUES
  ('orphan_allowance', '孤儿基本生活费', NULL, '["申请书","儿童身份证明或户口簿","父母死亡或失踪证明","监护人身份证复印件"]', 20, 'monthly', 1, 12),
  ('aged_allowance', '高龄津贴', NULL, '["申请书","身份证复印件","户口簿复印件"]', 20, 'monthly', 1, 13);
