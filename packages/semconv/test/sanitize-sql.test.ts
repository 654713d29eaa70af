import { describe, expect, it } from 'vitest';
import { sanitizeSql } from '../src/index.js';

describe('sanitizeSql', () => {
  it('replaces literals and keeps identifiers and placeholders', () => {
    expect(sanitizeSql("SELECT * FROM t1 WHERE name = 'O''Brien' AND age > 42 AND ratio < 0.5e3")).toBe(
      'SELECT * FROM t1 WHERE name = ? AND age > ? AND ratio < ?',
    );
    expect(sanitizeSql('UPDATE "Order" SET x = $1, y = :name, z = ?, h = 0xFF WHERE id = @id2')).toBe(
      'UPDATE "Order" SET x = $1, y = :name, z = ?, h = ? WHERE id = @id2',
    );
    expect(sanitizeSql("INSERT INTO a VALUES ('it\\'s', -7)")).toBe('INSERT INTO a VALUES (?, -?)');
  });
});
