// The stack registry, in the order the picker shows them.
import type { Stack, StackId } from './stack';
import { express } from './express';
import { fastify } from './fastify';
import { fastapi } from './fastapi';
import { flask } from './flask';
import { django } from './django';
import { go } from './go';
import { rails } from './rails';
import { spring } from './spring';
import { aspnet } from './aspnet';
import { laravel } from './laravel';
import { nginx } from './nginx';
import { apache } from './apache';
import { caddy } from './caddy';
import { headers } from './headers';

export type { Stack, StackId, StackChoice, FixTarget } from './stack';
export { stackIds, isStackChoice } from './stack';

export const stacks: Record<StackId, Stack> = {
  express,
  fastify,
  fastapi,
  flask,
  django,
  go,
  rails,
  spring,
  aspnet,
  laravel,
  nginx,
  apache,
  caddy,
  headers,
};

export function isStackId(value: string): value is StackId {
  return Object.hasOwn(stacks, value);
}
