import { isStaff } from './actor.js';

describe('isStaff', () => {
  it('holds for staff and admins only', () => {
    expect(isStaff({ role: 'staff' })).toBe(true);
    expect(isStaff({ role: 'admin' })).toBe(true);
    expect(isStaff({ role: 'partner' })).toBe(false);
    expect(isStaff({ role: 'participant' })).toBe(false);
    expect(isStaff(undefined)).toBe(false);
    expect(isStaff(null)).toBe(false);
  });
});
