/**
 * `cem analyze`: `dist/custom-elements.json` from the element's JSDoc (the `customElements` field
 * of package.json). Paths name the shipped module, not the TypeScript source.
 */
export default {
  globs: ['widget/referral-share.ts', 'widget/define.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        const shipped = { 'widget/referral-share.ts': 'dist/index.js', 'widget/define.ts': 'dist/define.js' };
        const rename = (path) => shipped[path] ?? path;
        const walk = (node) => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (!node || typeof node !== 'object') return;
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = rename(value);
            else walk(value);
          }
        };
        walk(customElementsManifest.modules);
        for (const module of customElementsManifest.modules) {
          // The element's module declares the class; the analyzer also lists locals of its methods.
          module.declarations = (module.declarations ?? []).filter((declaration) => declaration.kind === 'class');
          for (const declaration of module.declarations) {
            // Keep the documented events (`@event`); the analyzer also reports `emit(type, …)`'s parameter.
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
            // The public API only: state lives in `#private` fields and controllers, never an attribute.
            const internal = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private' || m.name.startsWith('#')).map((m) => m.name));
            declaration.members = (declaration.members ?? []).filter((m) => !internal.has(m.name));
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !internal.has(a.fieldName ?? a.name));
          }
          if (module.path === 'dist/define.js') {
            // `ReferralShareElement.define()` registers the tag at import: say so in the manifest.
            module.exports = [
              { kind: 'js', name: 'ReferralShareElement', declaration: { name: 'ReferralShareElement', module: 'dist/index.js' } },
              { kind: 'custom-element-definition', name: 'referral-share', declaration: { name: 'ReferralShareElement', module: 'dist/index.js' } },
            ];
          }
        }
      },
    },
  ],
};
