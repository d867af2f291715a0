/**
 * Runs `work` for every value, at most `concurrency` at a time, in order of start. After the
 * first error no more work starts; the running ones finish, then that error is thrown.
 */
export async function forEachLimited<T>(
	values: readonly T[],
	concurrency: number,
	work: (value: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (failure === undefined && next < values.length) {
			const value = values[next++];
			try {
				await work(value);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Math.max(1, Math.min(concurrency, values.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure !== undefined) throw failure.error;
}
