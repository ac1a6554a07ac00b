// Given to the binary with NODE_OPTIONS=--import, it appends every package the run loads (bare
// specifiers: "pdfkit", "commander", ...) to the file named by RECORD_IMPORTS, one per line, so
// that a test can see what a command loads: ES imports through a resolve hook, CommonJS requires
// (createRequire included) through Module.prototype.require.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (process.env.RECORD_IMPORTS && !/^(node:|file:|data:|\\.|\\/)/.test(specifier)) appendFileSync(process.env.RECORD_IMPORTS, specifier + '\\n');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const require = Module.prototype.require;
Module.prototype.require = function (id, ...rest) {
  if (process.env.RECORD_IMPORTS && !/^(node:|\.|\/)/.test(id) && !Module.isBuiltin(id)) appendFileSync(process.env.RECORD_IMPORTS, `${id}\n`);
  return require.call(this, id, ...rest);
};
