import { createPartner } from './foundation-factory.js';
import { createTestApp, type SignedIn, type TestApp } from './test-app.js';

export type Persona = 'staff' | 'admin' | 'partner' | 'participant';

const ORDER: readonly Persona[] = ['staff', 'admin', 'partner', 'participant'];

export type Cast<P extends Persona> = { t: TestApp } & Record<P, SignedIn>;

/**
 * A suite's own app on a fresh database and one new signed-in user per persona asked for, so suites share
 * no data. A partner user belongs to a partner of its own, created by the suite's admin (a new admin when
 * the suite asks for none).
 */
export async function bootWithPersonas<P extends Persona>(
  personas: readonly P[],
  env?: Record<string, string>,
): Promise<Cast<P>> {
  const t = await createTestApp(env);
  const signedIn: Partial<Record<Persona, SignedIn>> = {};
  for (const persona of ORDER.filter((p) => (personas as readonly Persona[]).includes(p))) {
    if (persona === 'partner') {
      const admin = signedIn.admin ?? (await t.signIn('admin'));
      signedIn.partner = await t.signIn('partner', { partnerId: (await createPartner(t, admin)).id });
    } else {
      signedIn[persona] = await t.signIn(persona);
    }
  }
  return { t, ...signedIn } as Cast<P>;
}
