// The seed's ChatMessage is the wire shape of the chat API: its one definition is in the contract.
export {
  type AssistantMessage,
  type ChatMessage,
  chatMessageSchema,
  type Rating,
  type ReplyKind,
} from '@clara/contract';
