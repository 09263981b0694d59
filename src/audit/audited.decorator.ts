/** Entity classes whose saves and removes are written to the audit trail, with fields never to copy there. */
const audited = new Map<Function, { entityType: string; omit: Set<string> }>();

export function Audited(entityType: string, options: { omit?: string[] } = {}): ClassDecorator {
  return (target) => {
    audited.set(target, { entityType, omit: new Set(options.omit ?? []) });
  };
}

export function auditSettingsOf(target: unknown): { entityType: string; omit: Set<string> } | undefined {
  return typeof target === 'function' ? audited.get(target) : undefined;
}
