import type { Express, Router } from 'express';

export interface Route { method: string; path: string }

function walk(stack: Router['stack'], prefix: string): Route[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods)
        .filter((m) => m !== '_all').map((m) => ({ method: m.toUpperCase(), path: prefix + String(layer.route!.path) }));
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
