/**
 * Response serialisation: every response is still encoded and checked by its route's zod schema
 * (fastify-type-provider-zod); a deeply frozen payload — a page served again from a cache — is
 * checked and encoded once per route and its JSON reused, since it cannot have changed.
 */
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

/** The zod serialiser, memoised per frozen payload. */
export const memoSerializerCompiler: FastifySerializerCompiler<
  ZodType | { properties: ZodType }
> = (route) => {
  const encode = serializerCompiler(route);
  const memo = new WeakMap<object, string>();
  return (data: unknown) => {
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return encode(data);
    let json = memo.get(data);
    if (json === undefined) {
      json = encode(data);
      memo.set(data, json);
    }
    return json;
  };
};
