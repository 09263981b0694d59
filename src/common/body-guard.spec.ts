import { bodyProblem, MAX_BODY_DEPTH } from './body-guard.js';

const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('bodyProblem', () => {
  it('accepts ordinary bodies, tabs and new lines, emoji and other scripts', () => {
    expect(bodyProblem(undefined)).toBeNull();
    expect(bodyProblem({})).toBeNull();
    const ordinary = {
      name: 'Komunitas 👩‍💻 مرحبا',
      description: 'Baris satu\nBaris dua\tTab\r\n',
      list: [1, null, true],
    };
    expect(bodyProblem(ordinary)).toBeNull();
    expect(bodyProblem({ openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }] })).toBeNull();
  });

  it('refuses nesting past the limit, without recursion', () => {
    expect(bodyProblem(nested(MAX_BODY_DEPTH))).toBeNull();
    expect(bodyProblem(nested(MAX_BODY_DEPTH + 1))).toMatchObject({ message: 'nested too deeply' });
    expect(bodyProblem(nested(200_000))).toMatchObject({ message: 'nested too deeply' });
  });

  it('names the field holding a control character or an unpaired surrogate', () => {
    expect(bodyProblem({ title: 'a\u0000b' })).toEqual({
      detail: 'The request has invalid fields',
      field: 'title',
      message: 'control characters and unpaired surrogates are not allowed',
    });
    expect(bodyProblem({ openingHours: [{ opens: '\u001b[31m' }] })).toMatchObject({ field: 'openingHours.0.opens' });
    expect(bodyProblem({ name: 'x\ud800' })).toMatchObject({ field: 'name' });
    expect(bodyProblem({ name: '\udc00x' })).toMatchObject({ field: 'name' });
    expect(bodyProblem({ name: '\ud83d\ude00' })).toBeNull();
  });

  it('refuses keys that would reach an object prototype or constructor', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(bodyProblem(JSON.parse(`{"password":{"${key}":{"polluted":1}}}`))).toMatchObject({
        field: `password.${key}`,
        message: 'unknown field',
      });
    }
  });
});
