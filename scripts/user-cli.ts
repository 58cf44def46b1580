import { ZodError } from 'zod';
import { DomainError } from '../src/domain/errors.js';
import { ROLES, type Role } from '../src/services/account.service.js';

/** CLI writes are attributed to the operator's OS account, as `cli:NAME`, in the audit trail. */
export const operator = { username: `cli:${process.env.USER ?? process.env.USERNAME ?? 'operator'}`, address: 'localhost' };

/** The password from standard input (piped, or typed: the first line), never from the command line where `ps` shows it. */
export async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (process.stdin.isTTY && text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

export function roleOf(value: unknown): Role {
  if (!(ROLES as readonly unknown[]).includes(value)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

/** Runs `work`; a refused input is printed as one readable line (no stack trace) and the exit code set to 1. */
export async function explained(work: () => Promise<void>, describe: (e: DomainError) => Promise<string>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (err instanceof ZodError) console.error(err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    else if (err instanceof DomainError) console.error(await describe(err));
    else throw err;
    process.exitCode = 1;
    return false;
  }
}
