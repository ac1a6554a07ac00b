import { runCli } from '../../src/cli/main.js';
import type { CliRun } from './run-cli.js';

/** Runs the CLI in this process with captured output: the same code path as the binary, without a Node start-up per case. */
export async function runInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...process.env, NO_COLOR: '1', ...env },
    stderrIsTty: false,
    stdoutIsTty: false,
  });
  return { code, stdout, stderr };
}
