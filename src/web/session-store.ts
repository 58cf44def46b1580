import session from 'express-session';
import type { Db } from '../db/connection.js';
import { deleteExpiredSessions, deleteSession, findSession, saveSession } from '../db/session.repository.js';

const DAY = 86_400_000;

/** express-session's store over our database; expired rows are swept hourly and never read. */
export class DbSessionStore extends session.Store {
  private readonly sweeper: NodeJS.Timeout;

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
    deleteSession(this.db, sid).then(() => done?.(), (e) => done?.(e));
  }

  override touch(sid: string, data: session.SessionData, done?: () => void): void {
    this.set(sid, data, () => done?.());
  }
}
