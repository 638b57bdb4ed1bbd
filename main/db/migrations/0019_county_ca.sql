-- 县级上报 over the LAN (main/county/README.md): the CA of the county server's certificate, from the enrolment file.
-- With it the push connects with sslmode=verify-full and trusts that CA alone; null for a county without TLS.
ALTER TABLE county_link ADD COLUMN ca TEXT;
