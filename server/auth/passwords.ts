/** argon2id password hashes (OWASP parameters: 19 MiB, 2 passes) and generated passwords. */
import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// no 0/O, 1/l/I: read off a terminal and typed in
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** 20 characters from 57: about 117 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A bearer secret (session cookie, CSRF token, device token): 32 random bytes. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Burn the time of one verification when the user does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export async function verifyNobody(password: string): Promise<false> {
  dummyHash ??= hashPassword(generatePassword());
  await verifyPassword(await dummyHash, password);
  return false;
}
