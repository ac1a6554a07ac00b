import * as HandlebarsNamespace from 'handlebars';
import type { RuntimeOptions } from 'handlebars';
import type { Block } from '../letter/letter-document.js';
import type { TemplateContext } from '../letter/template-context.js';
import type { LetterStrings } from './letter-strings.js';
import { parseMarkup } from './parse-markup.js';
import { formatterFor } from './format-long-date.js';
import { findPartialUsage } from './partial-references.js';
import { createHelpers, HELPER_NAMES } from './template-helpers.js';
import { compileError, renderError, syntaxError, templateError, type LexerLocation } from './template-error.js';
import { ENTRY_TEMPLATE, type TemplateSet, type TemplateSource } from './template-set.js';

// Handlebars is CommonJS typed with `export =`: without allowSyntheticDefaultImports (tsconfig) a
// default import does not type-check, and at run time the module's exports are the namespace's
// `default` (Node and the bundle alike). An import, unlike a require, lets the CLI's bundle hold it.
const Handlebars = ((HandlebarsNamespace as { default?: unknown }).default ?? HandlebarsNamespace) as typeof HandlebarsNamespace;

type Environment = ReturnType<typeof Handlebars.create>;
type Render = (context: unknown, options?: RuntimeOptions) => string;

// Text is not HTML, so nothing is escaped. Strict mode turns a misspelt field into an error instead of
// an empty gap in a letter. Only our helpers (and if/unless/each/with) are known, so an unknown helper
// fails at load time; `log` would print from a library and `lookup` reads fields by computed name.
const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  knownHelpers: Object.assign(Object.fromEntries(HELPER_NAMES.map((name) => [name, true])), { log: false, lookup: false }),
};

// Handlebars' defaults already deny prototype access; saying so explicitly also stops it from logging a
// warning to the console when a template tries.
const RUNTIME_OPTIONS: RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

// The template a runtime error came from: the innermost partial that saw it records itself first.
const errorFiles = new WeakMap<object, string>();

function inFile(file: string, render: Render): Render {
  return (context, options) => {
    try {
      return render(context, options);
    } catch (error) {
      if (typeof error === 'object' && error !== null && !errorFiles.has(error)) errorFiles.set(error, file);
      throw error;
    }
  };
}

interface CompiledTemplate {
  readonly template: TemplateSource;
  readonly program: unknown;
  readonly render: Render;
}

function compileOne(env: Environment, template: TemplateSource): CompiledTemplate {
  let program: unknown;
  try {
    program = env.parse(template.source);
  } catch (error) {
    // The parser keeps the location of the token it stopped at; read it before anything parses again.
    const lexer = (env as unknown as { Parser?: { lexer?: { yylloc?: LexerLocation } } }).Parser?.lexer;
    throw syntaxError(template.file, error, lexer?.yylloc);
  }
  let render: Render;
  try {
    render = compileNow(env, template.source);
  } catch (error) {
    throw compileError(template.file, error, [...HELPER_NAMES, 'if', 'unless', 'each', 'with']);
  }
  return { template, program, render: inFile(template.file, render) };
}

// What env.compile() does on a template's first use, done at once: Handlebars compiles lazily, so a
// template with an unknown helper would fail at the first letter instead of at load, and the first
// letter would pay for compiling every template. (Checking with env.precompile() and compiling lazily
// compiled each template twice.) Compiler and JavaScriptCompiler are Handlebars' public extension points.
function compileNow(env: Environment, source: string): Render {
  const options = { data: true, ...COMPILE_OPTIONS };
  const { Compiler, JavaScriptCompiler } = env as unknown as CompilerClasses;
  // Parsed again rather than given compileOne's program: the compiler rewrites the tree it gets
  // (literal helper names become paths), and checkPartials reads that program afterwards.
  const environment = new Compiler().compile(env.parse(source), options);
  return env.template(new JavaScriptCompiler().compile(environment, options, undefined, true));
}

// Handlebars' typings leave out the compiler classes that env.compile() uses.
interface CompilerClasses {
  readonly Compiler: new () => { compile(program: unknown, options: object): unknown };
  readonly JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): ReturnType<typeof Handlebars.precompile>;
  };
}

function checkPartials(compiled: readonly CompiledTemplate[]): void {
  const usages = compiled.map(({ template, program }) => ({ template, usage: findPartialUsage(program) }));
  const defined = new Set([
    ...compiled.map(({ template }) => template.name),
    ...usages.flatMap(({ usage }) => usage.inlineNames),
  ]);
  for (const { template, usage } of usages) {
    const missing = usage.references.find((reference) => !defined.has(reference.name));
    if (missing !== undefined) {
      throw templateError(
        'template/missing-partial',
        template.file,
        `no template "${missing.name}.hbs" for the partial {{> ${missing.name}}}`,
        missing,
      );
    }
  }
}

/**
 * Compiles a language's templates into a set. `templates` holds the entry template `letter` and its
 * partials, already merged with overrides; throws a UaError pointing at the first broken template.
 */
export function compileTemplateSet(
  language: string,
  templates: readonly TemplateSource[],
  strings: LetterStrings,
  stringFiles: readonly string[],
): TemplateSet {
  const env = Handlebars.create();
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  env.registerHelper(createHelpers(strings, language));
  // The set writes its letters' dates in its language: build that format with the set, not at the first letter.
  formatterFor(language);

  const compiled = templates.map((template) => compileOne(env, template));
  checkPartials(compiled);

  let entry: { file: string; render: Render } | undefined;
  for (const { template, render } of compiled) {
    if (template.name === ENTRY_TEMPLATE) entry = { file: template.file, render };
    else env.registerPartial(template.name, render);
  }
  if (entry === undefined) throw new Error(`no ${ENTRY_TEMPLATE} template among the templates of "${language}"`);
  const { file: entryFile, render: renderEntry } = entry;

  return {
    language,
    strings,
    stringFiles,
    files: Object.fromEntries(templates.map((t) => [t.name, t.file])),
    renderMarkup(context: TemplateContext): string {
      try {
        return renderEntry(context, { ...RUNTIME_OPTIONS });
      } catch (error) {
        const partialFile = typeof error === 'object' && error !== null ? errorFiles.get(error) : undefined;
        throw renderError(partialFile ?? entryFile, error);
      }
    },
  };
}

/** Renders the body of one letter (salutation through complimentary close) as paragraphs and lists. */
export function renderLetterBody(set: TemplateSet, context: TemplateContext): Block[] {
  return parseMarkup(set.renderMarkup(context));
}

/**
 * Renders a letter body and says which top-level fields of the context the templates read. A
 * template only sees the context through property reads (Handlebars looks each name up; helpers
 * get values or read named root fields), so a body rendered without reading a field is the same
 * for any value of that field: composing uses this to render once the body every signer shares.
 */
export function renderLetterBodyReading(set: TemplateSet, context: TemplateContext): { body: Block[]; read: ReadonlySet<keyof TemplateContext> } {
  const read = new Set<keyof TemplateContext>();
  const watched = {} as TemplateContext;
  for (const key of Object.keys(context) as (keyof TemplateContext)[]) {
    const value = context[key];
    Object.defineProperty(watched, key, {
      enumerable: true,
      get: () => {
        read.add(key);
        return value;
      },
    });
  }
  return { body: renderLetterBody(set, watched), read };
}
