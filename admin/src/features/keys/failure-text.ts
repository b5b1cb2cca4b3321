import type { Provider } from './keys-api';

/** A provider failure as the server reports it: Clara's code, the HTTP status and the provider's code. */
export interface ProviderFailure {
  code: string;
  status: number | null;
  provider_code: string | null;
}

const providerNames: Record<Provider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/**
 * One sentence fragment for a failed provider call, telling apart no connection ("could not reach
 * OpenAI"), a refused key ("OpenAI rejected the key (401 invalid_api_key)") and other errors.
 */
export function failureText(provider: Provider, f: ProviderFailure): string {
  const name = providerNames[provider];
  const detail = [f.status ? String(f.status) : null, f.provider_code].filter(Boolean).join(' ');
  const withDetail = (text: string) => (detail ? `${text} (${detail})` : text);
  switch (f.code) {
    case 'unreachable':
      return `Clara could not reach ${name}: check this server’s outbound access (network, DNS, proxy)`;
    case 'timeout':
      return `${name} did not answer in time: check this server’s outbound access`;
    case 'auth':
      return withDetail(`${name} rejected the key`);
    case 'rate_limited':
      return withDetail(`${name} is rate limiting this key`);
    case 'bad_stream':
      return `${name}’s answer was cut off`;
    case 'key_unreadable':
      return 'the stored key cannot be decrypted with this server’s master key';
    case 'provider_error':
      return withDetail(`${name} returned an error`);
    default:
      return withDetail(`the request to ${name} failed`);
  }
}
