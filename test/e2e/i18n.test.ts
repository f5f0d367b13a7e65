/** The client's message tables: every UI key in both languages, every Shandong check named in both. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../client/i18n/checks.ts';
import { en } from '../../client/i18n/en.ts';
import { zh } from '../../client/i18n/zh.ts';
import { ROOT } from './serve.ts';

const standard = JSON.parse(readFileSync(join(ROOT, 'data/standards/shandong-2022.json'), 'utf8')) as {
  tiers: { rows: { checks: { id: string }[] }[] }[];
};
const checkIds = [...new Set(standard.tiers.flatMap((t) => t.rows.flatMap((r) => r.checks.map((c) => c.id))))].sort();

describe('client messages', () => {
  it('has the same UI keys in Chinese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const table of [zh, en]) for (const text of Object.values(table)) expect(text.trim()).not.toBe('');
  });

  it.each(checkIds)('names check %s in Chinese and English', (id) => {
    expect(CHECK_NAMES[id]?.zh).toMatch(/\S/);
    expect(CHECK_NAMES[id]?.en).toMatch(/\S/);
    expect(CHECK_NAMES[id].en).not.toBe(id);
  });
});
