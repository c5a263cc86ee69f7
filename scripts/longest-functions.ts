/**
 * Lists the longest functions of the application code (tests, migrations and bench left out):
 * `node --import tsx scripts/longest-functions.ts [count]`. Issue 23 tracks the longest one; a
 * function is a declaration, an expression or an arrow, measured from its first to its last line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ts from 'typescript';

const files = execFileSync('git', ['ls-files', 'app', 'server', 'domain', 'cli'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$|\/migrations\/|test-fixtures|bench-fixtures|\.d\.ts$/.test(f));

type Found = { file: string; name: string; lines: number; line: number };
const found: Found[] = [];

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name)
    return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `${parent.expression.getText().slice(0, 40)}(…)`;
  return '(anonymous)';
}

for (const file of files) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: nameOf(node), lines: end - start + 1, line: start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

found.sort((a, b) => b.lines - a.lines);
for (const f of found.slice(0, Number(process.argv[2] ?? 15)))
  console.log(`${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
