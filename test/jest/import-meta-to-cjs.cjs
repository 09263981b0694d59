/**
 * Babel plugin for tests only. Nest 12 packages are ES modules, and Jest on Node 20 can only run them
 * once converted to CommonJS, so that every package exists once in Jest's module registry. This maps
 * what CommonJS lacks: `import.meta`, `createRequire(...)` and `import()` all go through Jest's
 * `module.require` (some packages declare their own `require` binding, hence `module.require`).
 */
module.exports = function esmLeftoversToCjs({ template, types: t }) {
  const replacements = {
    url: () => template.expression.ast`module.require('node:url').pathToFileURL(__filename).href`,
    dirname: () => template.expression.ast`__dirname`,
    filename: () => template.expression.ast`__filename`,
    resolve: () =>
      template.expression.ast`((id) => module.require('node:url').pathToFileURL(module.require.resolve(id)).href)`,
  };
  const dynamicImport = template.expression(
    `Promise.resolve().then(() => { const m = module.require(ARG); ` +
      `return m && m.__esModule ? m : Object.assign({ default: m }, m); })`,
  );
  return {
    visitor: {
      MetaProperty(path) {
        if (path.node.meta.name !== 'import') return;
        const member = path.parentPath;
        const make = member.isMemberExpression() && replacements[member.node.property.name];
        if (make) member.replaceWith(make());
      },
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (t.isImport(callee) && args.length >= 1) {
          path.replaceWith(dynamicImport({ ARG: args[0] }));
        } else if (t.isIdentifier(callee, { name: 'createRequire' })) {
          path.replaceWith(template.expression.ast`module.require`);
        }
      },
    },
  };
};
