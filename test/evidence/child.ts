import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let bundled: Promise<string> | undefined;

/**
 * Bundles the writer with rolldown (Vite's bundler, installed with vitest) into a folder
 * under node_modules, so the child resolves better-sqlite3 and pg like the project does.
 */
export function writerScript(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('rolldown');
    const outDir = join(root, 'node_modules', '.crosswalk-test');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `writer-${process.pid}.mjs`);
    await build({
      input: join(root, 'test/evidence/fixtures/writer.ts'),
      platform: 'node',
      external: (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: { file, format: 'esm', codeSplitting: false },
      logLevel: 'silent',
    });
    return file;
  })();
  return bundled;
}

export async function spawnWriter(
  url: string,
  count: number,
  batch: number,
  label: string,
): Promise<ChildProcess> {
  const script = await writerScript();
  return spawn(process.execPath, [script, url, String(count), String(batch), label], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.on('exit', (code, signal) => res({ code, signal, stderr })));
}
