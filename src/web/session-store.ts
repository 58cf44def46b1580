import session from 'express-session';
import type { Db } from '../db/connection.js';
import { deleteExpiredSessions, deleteSession, findSession, saveSession, touchSession } from '../services/session.service.js';

const DAY = 86_400_000;
/** A session's expiry is pushed back at most once a minute: an 8-hour idle timeout needs no write per request. */
const TOUCH_EVERY = 60_000;

/** express-session's store over our database; expired rows are swept hourly and never read. */
export class DbSessionStore extends session.Store {
  private readonly sweeper: NodeJS.Timeout;
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: Db) {
    super();
    this.sweeper = setInterval(() => void deleteExpiredSessions(db, Date.now()).catch(() => {}), 3_600_000);
    this.sweeper.unref();
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    findSession(this.db, sid, Date.now()).then((d) => done(null, d ? JSON.parse(d) : null), done);
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Date.now() + DAY;
    saveSession(this.db, sid, JSON.stringify(data), expires).then(() => done?.(), (e) => done?.(e));
  }

  override destroy(sid: string, done?: (err?: unknown) => void): void {
    this.touched.delete(sid);
    deleteSession(this.db, sid).then(() => done?.(), (e) => done?.(e));
  }

  override touch(sid: string, data: session.SessionData, done?: () => void): void {
    const now = Date.now();
    if (now - (this.touched.get(sid) ?? 0) < TOUCH_EVERY) return void done?.();
    if (this.touched.size > 10_000) for (const [k, at] of this.touched) if (now - at >= TOUCH_EVERY) this.touched.delete(k);
    this.touched.set(sid, now);
    // An update, not an upsert: a request still running when a password change ended this session must not bring it back.
    const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : now + DAY;
    touchSession(this.db, sid, JSON.stringify(data), expires).then(() => done?.(), () => done?.());
  }
}
