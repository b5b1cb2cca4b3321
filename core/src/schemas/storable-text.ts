// One rule for text Postgres can store, shared with the HTTP contract's schemas.
export { isStorableText, unstorableTextMessage } from '@clara/contract';
