// One rule for text Postgres can store, and for text with a visible character, shared with the
// HTTP contract's schemas (the channels refuse invisible-only messages with the same rule).
export { hasVisibleText, isStorableText, unstorableTextMessage } from '@clara/contract';
