import { normaliseForMatching } from './normalise-text';

/** What a prompt-injection attempt was after. */
export type InjectionKind = 'override_instructions' | 'reveal_prompt' | 'reveal_secrets' | 'role_override';

const reveal = `(?:reveal|show|print|display|repeat|output|tell|give|share|leak|dump|send|expose|paste|write out|spell out|list|what(?:'s| is| are| were))`;

const patterns: [InjectionKind, RegExp][] = [
  [
    'override_instructions',
    /\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon)\b.{0,40}\b(?:previous|prior|above|earlier|all|any|your|the|system|these|those|initial|original|preceding)\b.{0,30}\b(?:instructions?|rules|prompts?|directions|guidelines|constraints|programming|directives|guardrails|context)\b/,
  ],
  [
    'override_instructions',
    /\b(?:new|updated|real|actual) instructions ?:|^\s*(?:system|developer|admin) ?:|\[\/?(?:system|inst)\]|<\|im_start\|>/,
  ],
  [
    'reveal_prompt',
    new RegExp(
      String.raw`\b${reveal}\b.{0,40}\b(?:system prompt|(?:your|the|initial|original|hidden|secret|full) (?:prompt|instructions|system message|configuration|config)|(?:instructions|rules) (?:you were|you've been|you have been) given|(?:text|words|everything) (?:above|before) (?:this|my))\b`,
    ),
  ],
  [
    'reveal_prompt',
    /\b(?:system prompt|prompt injection)\b|\bwhat (?:were|are) you (?:told|instructed|programmed)\b/,
  ],
  [
    'reveal_secrets',
    new RegExp(
      String.raw`\b${reveal}\b.{0,30}\b(?:your|the|its|stored|configured|owner'?s?|admin'?s?|clara'?s?|this (?:bot|site)'s)\b.{0,20}\b(?:api[ -]?keys?|secret keys?|openai keys?|anthropic keys?|encryption keys?|master keys?|access tokens?|auth tokens?|bearer tokens?|env(?:ironment)? variables|\.env)\b`,
    ),
  ],
  [
    'reveal_secrets',
    /\b(?:which|what) (?:api[ -]?key|key|token) (?:are|do) you (?:use|using)\b|\bsk-(?:proj-|ant-)?[a-z0-9]/,
  ],
  [
    'role_override',
    /\b(?:you are now|from now on,? you(?: are|'re| will)|developer mode|god mode|dan mode|jailbreak|jailbroken|do anything now|no longer bound by|without (?:any )?(?:restrictions|rules|filters))\b/,
  ],
  [
    'role_override',
    /\b(?:pretend|act|behave) (?:as if |like |to be |as )?(?:you (?:are|were|have) )?(?:an? )?(?:unrestricted|unfiltered|uncensored|evil|different (?:ai|assistant|bot))\b/,
  ],
];

/**
 * Spots visitor messages that try to override Clara's instructions, extract its prompt or
 * its keys, or swap its role. Pure pattern matching: the engine short-circuits these with
 * `injectionRefusal` and never sends them to a provider.
 */
export function detectInjection(message: string): InjectionKind | null {
  const text = normaliseForMatching(message);
  for (const [kind, pattern] of patterns) if (pattern.test(text)) return kind;
  return null;
}

/** The polite refusal Clara gives to an injection attempt. */
export function injectionRefusal(displayName: string): string {
  return (
    `Sorry, I can't share or change my instructions or configuration. ` +
    `I'm ${displayName}, and I'm happy to help with any question about what we do. What would you like to know?`
  );
}
