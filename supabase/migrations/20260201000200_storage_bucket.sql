-- ============================================
-- Seed migration 5A-2: Storage bucket for chatbot assets.
-- Applied only where Supabase Storage exists (a `storage` schema with its tables);
-- on plain Postgres and PGlite this migration does nothing.
-- ============================================

DO $storage$
BEGIN
  IF to_regclass('storage.buckets') IS NULL OR to_regclass('storage.objects') IS NULL THEN
    RAISE NOTICE 'No Supabase Storage here: skipping the chatbot-assets bucket.';
    RETURN;
  END IF;

  INSERT INTO storage.buckets (id, name, public)
  VALUES ('chatbot-assets', 'chatbot-assets', true);

  EXECUTE $sql$
    CREATE POLICY "Users can upload chatbot assets"
      ON storage.objects FOR INSERT
      TO authenticated
      WITH CHECK (
        bucket_id = 'chatbot-assets'
        AND (storage.foldername(name))[1] IN (
          SELECT id::text FROM workspaces WHERE owner_id = auth.uid()
        )
      )
  $sql$;

  EXECUTE $sql$
    CREATE POLICY "Public read chatbot assets"
      ON storage.objects FOR SELECT
      TO public
      USING (bucket_id = 'chatbot-assets')
  $sql$;

  EXECUTE $sql$
    CREATE POLICY "Users can delete own chatbot assets"
      ON storage.objects FOR DELETE
      TO authenticated
      USING (
        bucket_id = 'chatbot-assets'
        AND (storage.foldername(name))[1] IN (
          SELECT id::text FROM workspaces WHERE owner_id = auth.uid()
        )
      )
  $sql$;
END
$storage$;
