/** The signed-in owner, as every verifier reports it (Supabase's `sub` and `email`). */
export interface Principal {
  id: string;
  email: string;
}

/**
 * Turns a bearer credential (the session cookie's JWT today; a Supabase access token
 * later) into the owner it names, or null when it is missing, expired or forged.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal | null>;
}
