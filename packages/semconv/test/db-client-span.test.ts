import { describe, expect, it } from 'vitest';
import { dbClientSpan } from '../src/index.js';

describe('dbClientSpan', () => {
  it('builds span.db.client with a sanitised query', () => {
    const attrs = dbClientSpan()
      .system('postgresql')
      .namespace('shop')
      .operation('SELECT')
      .collection('users')
      .queryText("SELECT * FROM users WHERE email = 'a@b.c'")
      .querySummary('SELECT users')
      .responseStatusCode(23505)
      .batchSize(2)
      .server('db.local', 5432)
      .error(new RangeError('x'))
      .build();
    expect(attrs).toEqual({
      'db.system.name': 'postgresql',
      'db.namespace': 'shop',
      'db.operation.name': 'SELECT',
      'db.collection.name': 'users',
      'db.query.text': 'SELECT * FROM users WHERE email = ?',
      'db.query.summary': 'SELECT users',
      'db.response.status_code': '23505',
      'db.operation.batch.size': 2,
      'server.address': 'db.local',
      'server.port': 5432,
      'error.type': 'RangeError',
    });
  });

  it('takes a custom sanitiser or none, and requires db.system.name', () => {
    expect(
      dbClientSpan({ sanitize: (t) => t.toUpperCase() })
        .queryText('select 1')
        .partial()['db.query.text'],
    ).toBe('SELECT 1');
    expect(dbClientSpan({ sanitize: false }).queryText('select 1').partial()['db.query.text']).toBe(
      'select 1',
    );
    expect(() => dbClientSpan().server('h').build()).toThrow(
      "span.db.client requires attribute 'db.system.name'",
    );
  });
});
