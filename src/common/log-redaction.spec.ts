import { redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  it('cuts the values of personal search and secret parameters and keeps the rest', () => {
    expect(redactUrl('/api/v1/participants?q=3303014101900001&kecamatanCode=33.03.11&limit=20')).toBe(
      '/api/v1/participants?q=[redacted]&kecamatanCode=33.03.11&limit=20',
    );
    expect(redactUrl('/x?nik=1&phone=%2B6281227005555&email=a%40b.id&token=t&refreshToken=r&Q=0812')).toBe(
      '/x?nik=[redacted]&phone=[redacted]&email=[redacted]&token=[redacted]&refreshToken=[redacted]&Q=[redacted]',
    );
  });

  it('reads names the way the query parser does: encoded, bracketed, repeated', () => {
    expect(redactUrl('/p?%71=081227005555&q[]=628122&q[0]=1&q=2&q=3')).toBe(
      '/p?%71=[redacted]&q[]=[redacted]&q[0]=[redacted]&q=[redacted]&q=[redacted]',
    );
    expect(redactUrl('/p?%4E%49%4B=3303014101900001')).toBe('/p?%4E%49%4B=[redacted]');
  });

  it('replaces whole parts that are not shaped like a parameter name', () => {
    expect(redactUrl('/p?081227005555')).toBe('/p?[redacted]');
    expect(redactUrl('/p?3303014101900001=1&limit=5')).toBe('/p?[redacted]&limit=5');
    expect(redactUrl('/p?%E0%A4%A=1')).toBe('/p?[redacted]');
    expect(redactUrl('/p?attended')).toBe('/p?attended');
  });

  it('leaves URLs without a query as they are', () => {
    expect(redactUrl('/api/v1/events')).toBe('/api/v1/events');
    expect(redactUrl('/api/v1/events?')).toBe('/api/v1/events?');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
