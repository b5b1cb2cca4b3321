/** The signed-in owner, as every verifier reports it (Supabase's `sub` and `email`). */
export interface Principal {
  id: string;
  email: string;
  /** Clara's own sign-in: the server-side session the credential belongs to (absent for Supabase tokens). */
  sessionId?: string | undefined;
}

/**
 * Turns a bearer credential (the session cookie's JWT today; a Supabase access token
 * later) into the owner it names, or null when it is missing, expired or forged.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal | null>;
}
