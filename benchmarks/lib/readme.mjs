// Regenerates a scenario's block in a README between
// `<!-- TABLE-START:<scenario> -->` and `<!-- TABLE-END:<scenario> -->`.
import { readFileSync, writeFileSync } from 'node:fs';

export function replaceBlock(text, scenario, block) {
  const start = `<!-- TABLE-START:${scenario} -->`;
  const end = `<!-- TABLE-END:${scenario} -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`no ${start} ... ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${block}\n${text.slice(j)}`;
}

export function updateReadme(file, scenario, block) {
  writeFileSync(file, replaceBlock(readFileSync(file, 'utf8'), scenario, block));
}
