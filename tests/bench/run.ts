import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, isBenchModule, type BenchModule } from './bench-table';

/**
 * `npm run bench` runs every `*.bench.ts` beside this file; `npm run bench -- foundation` runs
 * only the named ones (by module name or file name).
 */
const folder = fileURLToPath(new URL('.', import.meta.url));

const loadModules = async (): Promise<{ file: string; module: BenchModule }[]> => {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.bench.ts')).sort();
  const modules = [];
  for (const file of files) {
    const module: unknown = await import(pathToFileURL(`${folder}${file}`).href);
    if (!isBenchModule(module)) {
      throw new Error(`${file} must export "name", "description" and "run"`);
    }
    modules.push({ file: file.replace(/\.bench\.ts$/, ''), module });
  }
  return modules;
};

const main = async (): Promise<number> => {
  const wanted = process.argv.slice(2);
  const modules = await loadModules();
  const unknown = wanted.filter(
    (name) => !modules.some((m) => m.file === name || m.module.name === name),
  );
  if (unknown.length > 0) {
    console.error(`没有这些基准测试 / no such bench: ${unknown.join(', ')}`);
    console.error(`可用 / available: ${modules.map((m) => m.module.name).join(', ')}`);
    return 1;
  }
  const selected =
    wanted.length === 0
      ? modules
      : modules.filter((m) => wanted.includes(m.file) || wanted.includes(m.module.name));
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const { module } of selected) {
    console.log(`== ${module.name}: ${module.description}\n`);
    for (const table of await module.run()) console.log(formatTable(table));
  }
  return 0;
};

process.exitCode = await main();
