import ts from 'typescript';
import type { Plugin } from 'vite';

const TAGS = new Set(['html', 'css']);

/**
 * Collapses the indentation inside Lit's `html` and `css` templates of the widget's sources (the
 * minifier leaves template text alone), and the line breaks beside tags and CSS punctuation. The
 * widget's layouts are flex and grid, where such whitespace renders nothing.
 */
export function minifyLiterals(): Plugin {
  return {
    name: 'referral-share:minify-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || id.endsWith('.test.ts') || !/\b(html|css)`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const ranges: Array<[number, number, boolean]> = [];
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
          const t = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const part of parts) ranges.push([part.getStart(source), part.getEnd(), node.tag.text === 'css']);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!ranges.length) return null;
      let out = '';
      let at = 0;
      for (const [start, end, isCss] of ranges.sort((a, b) => a[0] - b[0])) {
        if (start < at) continue;
        let text = code.slice(start, end).replace(/[ \t]*\n[ \t]*/g, '\n');
        // CSS: no space is needed around braces, semicolons, commas, or after a property's colon.
        // Nor a leading zero (`0.5rem` is `.5rem`), nor the semicolon before a closing brace.
        if (isCss) text = text.replace(/\s*([{};,])\s*/g, '$1').replace(/([\w-]): /g, '$1:').replace(/(?<![\w.#-])0\.(\d)/g, '.$1').replace(/;}/g, '}');
        // HTML: a line break beside a tag is a whitespace text node that flex and grid layouts ignore.
        else text = text.replace(/>\n/g, '>').replace(/\n</g, '<');
        out += code.slice(at, start) + text;
        at = end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}
