import type { Express, Router } from 'express';
import type { Access } from '../../src/web/auth/access.js';
import { accessOf } from '../../src/web/auth/route-table.js';

/** A route of the app and the access its first handler declares (undefined: declared nowhere). */
export interface Route { method: string; path: string; access?: Access }

type RouteStack = { method?: string; handle: unknown }[];

function walk(stack: Router['stack'], prefix: string): Route[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const route = layer.route as unknown as { path: string; methods: Record<string, boolean>; stack: RouteStack };
      return Object.keys(route.methods).filter((m) => m !== '_all').map((m) => ({
        method: m.toUpperCase(), path: prefix + String(route.path), access: accessOf(route.stack.find((l) => l.method === m)?.handle),
      }));
    }
    const inner = (layer.handle as unknown as { stack?: Router['stack'] }).stack;
    const raw = (layer as unknown as { rawPath?: string }).rawPath;
    return inner ? walk(inner, prefix + (raw && raw !== '/' ? raw : '')) : [];
  });
}

/** Every route of the real app, found by walking its router (mounted routers included), so a new route cannot be missed. */
export function routesOf(app: Express): Route[] {
  return walk((app as unknown as { router: Router }).router.stack, '');
}
