/**
 * Module boundaries (issue 11), checked by `npm run lint` (depcruise src --config .dependency-cruiser.cjs).
 * Feature modules are the folders of src/. A module may use another module only through its public surface:
 * its Nest module, its exported services, its decorators, its DTOs and the pure rule files listed below;
 * never another module's entity, table access or internal helper. common/, config/ and database/ are the
 * shared infrastructure: every module may use them, they use no feature module. No cycles between folders.
 */
const PUBLIC_FILES = [
  '\\.module\\.ts$',
  '\\.service\\.ts$',
  '\\.decorator\\.ts$',
  '/dto/',
  // Pure rules shared on purpose (no I/O, no entities); each stays owned by its module.
  '^src/events/event-rules\\.ts$', // an event's status and timing rules (open for registration, check-in window)
  '^src/events/pillar-labels\\.ts$', // display names of the programme pillars, for certificates and reports
  '^src/participants/participant-rules\\.ts$', // age and occupation rules every form and report applies alike
  '^src/participants/participant-labels\\.ts$', // display names of genders and occupations, for exports and reports
  '^src/participants/nik\\.ts$', // NIK layout parsing (birth date, gender) and masking: one definition for every input
  '^src/participants/masked-nik\\.ts$', // the masked NIK shown to staff: decrypt + mask, no storage access
  '^src/registrations/ticket-code\\.ts$', // the ticket code format, also printed in certificate numbers
  '^src/registrations/registration-rules\\.ts$', // registration statuses and sources, named by check-in rules, exports
  '^src/bookings/booking-slots\\.ts$', // studio opening hours and slot arithmetic, shared with studio schedules
  '^src/reports/report-groups\\.ts$', // the age, month and kecamatan groupings every read model reports by
  '^src/studios/opening-hours\\.ts$', // a studio's weekly opening ranges: validated by studios, laid out by bookings
];

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Two modules that need each other are one module, or one of them needs an exported service.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-foreign-entity',
      severity: 'error',
      comment: "A module reads and writes another module's data only through that module's exported services.",
      from: { path: '^src/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/([^/]+)/.+\\.entit(y|ies)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'public-surface-only',
      severity: 'error',
      comment: "Only a module's public surface may be imported from another module.",
      from: { path: '^src/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      // Entities are left to no-foreign-entity, so one bad import is one violation.
      to: {
        path: '^src/(?!common/|config/|database/)[^/]+/',
        pathNot: ['^src/$1/', '\\.entit(y|ies)\\.ts$', ...PUBLIC_FILES],
      },
    },
    {
      name: 'infrastructure-is-a-leaf',
      severity: 'error',
      comment: 'common, config and database serve every module and depend on none.',
      from: { path: '^src/(common|config|database)/' },
      to: { path: '^src/(?!common/|config/|database/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // No extensionAlias here (17.x rejects it): dependency-cruiser itself resolves the ESM './x.js' imports to x.ts.
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
