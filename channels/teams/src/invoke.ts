/** The `{ status, body }` an invoke activity is answered with (the HTTP response to the Bot Framework). */
export interface InvokeResponse {
  status: number;
  body?: unknown;
}

const noActions = 'Clara has no actions here yet. Mention @Clara in a message with your question.';

/**
 * Answers an invoke: `adaptiveCard/action` (Action.Execute) with a message response, the
 * task-module fetches of message actions and compose extensions with a task message, and any
 * other invoke with 501, as the Bot Framework's ActivityHandler does for invokes it does not implement.
 */
export function invokeResponseFor(name: string | undefined, text: string | undefined): InvokeResponse {
  if (name === 'adaptiveCard/action') {
    return {
      status: 200,
      // The Universal Action response Teams shows in place of the card's result.
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text ?? '' },
    };
  }
  if (name === 'composeExtension/fetchTask' || name === 'task/fetch') {
    return { status: 200, body: { task: { type: 'message', value: noActions } } };
  }
  return { status: 501 };
}
