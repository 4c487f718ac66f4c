/** Polls `condition` until it holds; bounded, so a broken fault test fails instead of hanging. */
export async function waitFor(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resume) => setTimeout(resume, 20));
  }
}
