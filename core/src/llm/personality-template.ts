/**
 * Lines of the seed's default personality prompt that are instructions to the owner, not to the
 * model ("Describe what your company does…"). A section still holding one was never filled in.
 */
export const personalityPlaceholders = [
  'Describe what your company does, your key services, and your target audience.',
] as const;

/**
 * The personality prompt without the `### ` sections that still hold a template placeholder
 * verbatim: the owner's saved text stays as written, the model is not told to "describe what
 * your company does".
 */
export function withoutTemplateSections(personality: string): string {
  const sections = personality.split(/^(?=###\s)/m);
  const kept = sections.filter(
    (section) => !personalityPlaceholders.some((placeholder) => section.includes(placeholder)),
  );
  return kept.join('').trim();
}
