import { ClaraError } from '@clara/core';
import type Router from '@koa/router';

/**
 * A router's `allowedMethods`, refusing in the API's own way: a method the path does not
 * take, or one no route knows (TRACE, PROPFIND, …), is 405 `method_not_allowed` in the
 * `{ error }` envelope with an `Allow` header when the path exists, never a 500. OPTIONS on a
 * path the router knows is 204 with `Allow` (no body), like OPTIONS on the public API.
 */
export function allowedMethodsOf(router: Router): ReturnType<Router['allowedMethods']> {
  const allowed = router.allowedMethods();
  return async (ctx, next) => {
    await allowed(ctx, next);
    // OPTIONS answered by the router (a bare 200 text/plain, empty): 204 with the same Allow,
    // as the public API answers OPTIONS (204, no body).
    if (ctx.method === 'OPTIONS' && ctx.status === 200 && ctx.body === '' && ctx.response.get('Allow')) {
      ctx.status = 204;
      return;
    }
    // The router set a bare 405 or 501 (no body): nothing downstream answered this method.
    if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
      const allow = ctx.response.get('Allow');
      if (!allow) ctx.remove('Allow');
      throw new ClaraError(
        'method_not_allowed',
        allow ? `${ctx.method} is not allowed here; use ${allow}.` : `${ctx.method} is not supported here.`,
      );
    }
  };
}
