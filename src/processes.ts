// Other processes of Gazette's, known by their ids: a build that left files behind, a lock's holder.

/** Whether another process with this id runs (this process is not another). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
