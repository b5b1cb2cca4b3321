-- The last provider test of each key (the admin's "Test", and the test run when a key is saved),
-- so a key whose test failed is still marked 'Not working' after the page is reloaded.
-- { ok, code, status, provider_code, tested_at }: the result's codes only, never the provider's
-- message or the key. NULL until the key is first tested.
ALTER TABLE api_keys ADD COLUMN last_test jsonb
  CHECK (last_test IS NULL OR (jsonb_typeof(last_test) = 'object' AND jsonb_typeof(last_test -> 'ok') = 'boolean'));
