import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/data-dir-lock.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the embedded database lock', () => {
  it('refuses a second holder while the first is alive, naming its pid', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-lock-'));
    // Another live process holds the lock.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'undersigned.lock'), `${holder.pid}\n`);
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // Its process is gone: the stale lock is taken over.
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'undersigned.lock'), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'undersigned.lock'))).toBe(false);
  });

  it('after a crash in a container (the new process has the same pid as the dead one) the stale lock is taken over', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-lock-'));
    fs.writeFileSync(path.join(dir, 'undersigned.lock'), `${process.pid}\n`); // left by "pid 1" before the crash
    const release = acquireDataDirLock(dir);
    // While this process holds it, a second opener in the same process is still refused.
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
  });
});
