-- The seed's default personality prompt says "If you don not have enough information"
-- (Migration 5A-1, kept verbatim): the default becomes "don't", as core's
-- defaultPersonalityPrompt (filled in on read) already says. Workspaces whose prompt is
-- still exactly the old default get the corrected text; a prompt an owner wrote (or
-- edited in any way) is never touched. The seed migration itself is not edited.

ALTER TABLE public.workspaces
  ALTER COLUMN settings SET DEFAULT '{
      "display_name": "Clara",
      "welcome_message": "Hi! How can I help you today?",
      "placeholder_text": "Type your message...",
      "suggested_messages": [],
      "booking_url": null,
      "primary_color": "#6366f1",
      "bubble_color": "#000000",
      "bubble_position": "right",
      "avatar_url": null,
      "chat_icon_url": null,
      "personality_prompt": "### Business Context\nDescribe what your company does, your key services, and your target audience.\n\n### Role\nYou are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.\n\n### Constraints\n1. Only answer from the knowledge base context provided.\n2. If you don''t have enough information, be honest and suggest booking a call.\n3. Never make up information or speculate beyond what the knowledge base contains.\n4. Keep responses concise — 2-4 sentences for simple questions.",
      "confidence_threshold": 0.78,
      "max_suggestion_chips": 3,
      "escalation_enabled": true,
      "powered_by_clara": true
    }'::jsonb;

UPDATE public.workspaces
SET settings = jsonb_set(
  settings,
  '{personality_prompt}',
  '"### Business Context\nDescribe what your company does, your key services, and your target audience.\n\n### Role\nYou are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.\n\n### Constraints\n1. Only answer from the knowledge base context provided.\n2. If you don''t have enough information, be honest and suggest booking a call.\n3. Never make up information or speculate beyond what the knowledge base contains.\n4. Keep responses concise — 2-4 sentences for simple questions."'::jsonb
)
WHERE settings->'personality_prompt' = '"### Business Context\nDescribe what your company does, your key services, and your target audience.\n\n### Role\nYou are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.\n\n### Constraints\n1. Only answer from the knowledge base context provided.\n2. If you don not have enough information, be honest and suggest booking a call.\n3. Never make up information or speculate beyond what the knowledge base contains.\n4. Keep responses concise — 2-4 sentences for simple questions."'::jsonb;
