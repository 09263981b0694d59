import { newTicketCode, TICKET_ALPHABET } from './ticket-code.js';

describe('ticket codes', () => {
  it('are 10 characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 500; i++) expect(newTicketCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    expect(TICKET_ALPHABET).not.toMatch(/[01IOL]/);
  });

  it('do not repeat in practice and use the whole alphabet', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTicketCode));
    expect(codes.size).toBe(2000);
    expect(new Set([...codes].join('')).size).toBe(TICKET_ALPHABET.length);
  });
});
