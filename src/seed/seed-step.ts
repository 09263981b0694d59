import type { Role } from '../common/actor.js';

/** A partner as the seed steps know it: created through PartnersService, named by its name. */
export interface SeedPartner {
  id: string;
  name: string;
}

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
}

/** Looks up a provider anywhere in the app (ModuleRef.get with strict: false, or app.get). */
export type Resolve = <T>(token: abstract new (...args: never[]) => T) => T;

/**
 * Each module adds its demo data through one of these steps, run in order after the foundation. In its own
 * file so the modules' seed files need not import demo-seed.ts, which imports them (an import cycle).
 */
export type SeedStep = (resolve: Resolve, ctx: { partners: SeedPartner[]; accounts: DemoAccount[] }) => Promise<void>;
