// File operations a few at a time: the disk is faster with several requests in flight.

/**
 * File operations run a few at a time: the disk is faster with several requests in flight. After a
 * failure no new one starts, and the first error is thrown once those in flight have ended.
 */
export async function inParallel<T>(items: readonly T[], operation: (item: T) => Promise<unknown>, width = 16): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      try {
        await operation(items[next++] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(width, items.length) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}
