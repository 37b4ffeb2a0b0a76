import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintCommand, runLint } from './lint';

/** Runs the command against in-memory files (or the real disk) and captures what it prints. */
async function run(args: string[], files: Record<string, string> | 'disk' = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile:
      files === 'disk'
        ? (path) => readFile(path, 'utf8')
        : async (path) => {
            const text = files[path];
            if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
            return text;
          },
  });
  return { code, stdout, stderr };
}

const BAD =
  '# Terms\n\n1. One.\n2. We are not liable for anything.\n4. Except **not liable** here, as said.\n';
const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe('react-clickwrap lint', () => {
  describe('given a clean agreement', () => {
    it('prints a summary and exits 0 (the shipped agreements, read from disk)', async () => {
      const result = await run(
        [repo('agreements/instadesk-terms.md'), repo('agreements/example-privacy-policy.md')],
        'disk',
      );
      expect(result).toEqual({ code: 0, stdout: 'No problems in 2 files.\n', stderr: '' });
    });
  });

  describe('given an agreement in another script', () => {
    it('says it cannot lint it and exits 2, never "No problems"', async () => {
      const zh = '# 服务条款\n\n1. 本公司不对任何间接损失承担责任。\n2. 您同意本条款。\n';
      const ar = '# شروط الخدمة\n\nلا نتحمل أي مسؤولية عن الأضرار غير المباشرة.\n';
      const result = await run(['zh.md', 'ar.md', 'en.md'], { 'zh.md': zh, 'ar.md': ar, 'en.md': BAD });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot lint "zh\.md": most of its letters are not Latin \(Han\)/);
      expect(result.stderr).toMatch(/cannot lint "ar\.md": most of its letters are not Latin \(Arabic\)/);
      expect(result.stdout).not.toContain('No problems');
      // The English file is still linted.
      expect(result.stdout).toContain('en.md:');
    });
  });

  describe('given an agreement with errors and warnings', () => {
    it('prints file:line:column: severity rule message lines and a summary, and exits 1', async () => {
      const { code, stdout, stderr } = await run(['terms.md'], { 'terms.md': BAD });
      expect(code).toBe(1);
      expect(stderr).toBe('');
      const lines = stdout.trimEnd().split('\n');
      expect(lines.slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
        'terms.md:4:4: error unbolded-limiting-clause',
        'terms.md:5:1: error numbering-gap',
        'terms.md:5:13: warning partial-bold',
      ]);
      expect(lines.at(-1)).toBe('2 errors and 1 warning in 1 file.');
      expect(lines[1]).toContain('"4." follows "2.", so "3." is missing');
    });

    it('with --quiet prints only the errors', async () => {
      const { code, stdout } = await run(['--quiet', 'terms.md'], { 'terms.md': BAD });
      expect(code).toBe(1);
      expect(stdout).not.toContain('partial-bold');
      expect(stdout).toContain('2 errors and 0 warnings in 1 file.');
    });

    it('with --json prints machine-readable findings per file', async () => {
      const { code, stdout } = await run(['--json', 'terms.md'], { 'terms.md': BAD });
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as {
        files: {
          file: string;
          findings: { rule: string; line: number; column: number; severity: string }[];
        }[];
        errors: number;
        warnings: number;
      };
      expect(report.errors).toBe(2);
      expect(report.warnings).toBe(1);
      expect(report.files[0]?.file).toBe('terms.md');
      expect(report.files[0]?.findings[0]).toMatchObject({
        rule: 'unbolded-limiting-clause',
        severity: 'error',
        line: 4,
        column: 4,
      });
    });

    it('with --format github prints workflow annotations', async () => {
      const { stdout } = await run(['--format=github', 'dir/terms,v2.md'], {
        'dir/terms,v2.md': BAD,
      });
      expect(stdout.split('\n')[0]).toMatch(
        /^::error file=dir\/terms%2Cv2\.md,line=4,col=4,title=unbolded-limiting-clause::This sentence/,
      );
    });
  });

  describe('when misused', () => {
    it('without a file, explains what to pass and exits 2', async () => {
      const { code, stderr, stdout } = await run([]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('no file given: name the agreement(s) to check');
      expect(stderr).toContain('Usage: react-clickwrap lint');
    });

    it('with an unknown option or format, names it and exits 2', async () => {
      expect((await run(['--fix', 'a.md'], { 'a.md': '' })).stderr).toContain('unknown option "--fix"');
      const bad = await run(['--format', 'xml', 'a.md'], { 'a.md': '' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--format must be text, json or github; got "xml"');
    });

    it('with a missing file, says which and why, still checks the others, and exits 2', async () => {
      const { code, stderr, stdout } = await run(['missing.md', 'terms.md'], { 'terms.md': BAD });
      expect(code).toBe(2);
      expect(stderr).toBe('react-clickwrap lint: cannot read "missing.md": no such file (ENOENT).\n');
      expect(stdout).toContain('terms.md:4:4: error unbolded-limiting-clause');
    });

    it('with a file too long to be an agreement, says so and exits 2', async () => {
      const { code, stderr } = await run(['huge.md'], { 'huge.md': 'x'.repeat(256 * 1024 + 1) });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^react-clickwrap lint: cannot lint "huge\.md": .* at most 262144 are linted/);
    });

    it('with a missing file on disk, reports the real error', async () => {
      const { code, stderr } = await run([repo('agreements/no-such-terms.md')], 'disk');
      expect(code).toBe(2);
      expect(stderr).toMatch(/cannot read ".*no-such-terms\.md": no such file \(ENOENT\)\./);
    });
  });

  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit status: 0 no errors, 1 errors found, 2 usage error');
  });

  it("runs on the dispatcher's line-oriented io too", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await lintCommand(['terms.md', 'gone.md'], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      read: async (path) => {
        if (path === 'terms.md') return BAD;
        throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      },
    });
    expect(code).toBe(2);
    expect(out[0]).toMatch(/^terms\.md:4:4: error unbolded-limiting-clause /);
    expect(out.at(-1)).toBe('2 errors and 1 warning in 1 file.');
    expect(err).toEqual(['react-clickwrap lint: cannot read "gone.md": no such file (ENOENT).']);
  });
});
