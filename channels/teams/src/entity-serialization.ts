// The connector's models as botframework-connector ships them (CommonJS, no exports map).
import * as connectorMappers from 'botframework-connector/lib/connectorApi/models/mappers.js';

interface CompositeMapper {
  type: { additionalProperties?: unknown };
}

/**
 * Lets an outgoing activity's entities keep their own fields. botframework-connector 4.23.3
 * moved to @azure/core-client, whose serializer drops properties an `Entity` model does not
 * declare, so a `streaminfo` entity reached Teams as `{ "type": "streaminfo" }` and streaming
 * failed ("Only start streaming and continue streaming types are allowed as a typing
 * activity", microsoft/botbuilder-js#4902). This declares `additionalProperties` on the Entity
 * model, the upstream fix (microsoft/botbuilder-js#4903, not yet in a release); a no-op once a
 * release has it. Idempotent.
 */
export function keepEntityFields(): void {
  const entity = (connectorMappers as unknown as { Entity?: CompositeMapper }).Entity;
  if (entity && !entity.type.additionalProperties)
    entity.type.additionalProperties = { type: { name: 'Object' } };
}
