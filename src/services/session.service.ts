/**
 * Sessions in the database (src/web/session-store.ts is express-session's Store over these): who is
 * signed in, the language, messages after a redirect. No rule beyond storage and expiry.
 */
export { deleteExpiredSessions, deleteSession, findSession, saveSession, touchSession } from '../db/session.repository.js';
