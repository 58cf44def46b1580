import type { Request, Response } from 'express';
import { z } from 'zod';

/** The second step of a destructive form: `confirmed=yes` is sent by the confirmation page (or by app.js after a native dialog). */
const confirmSchema = z.object({ confirmed: z.literal('yes') });

export interface Confirmation {
  /** The question, naming what goes ("Xoá đề xuất số 3 của phương án …?"). */
  question: string;
  /** What happens after, and whether it can be undone. */
  detail: string;
  /** Where the confirmed form posts (the same route). */
  action: string;
  button: string;
  back: string;
}

/**
 * True when the request carries the confirmation; otherwise answers with a page that asks for it
 * (works without JavaScript) and returns false, so the handler stops there.
 */
export function confirmedOrAsk(req: Request, res: Response, ask: Confirmation): boolean {
  if (confirmSchema.safeParse(req.body ?? {}).success) return true;
  res.render('pages/confirm', { title: ask.question, ...ask });
  return false;
}
