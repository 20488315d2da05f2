type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` for indexes 0…count-1 with at most `limit` running at once, and returns the results
 * in index order. With `stopOnError`, nothing new starts after a failure; the caller throws the
 * earliest failure, so the outcome matches a one-by-one run (only reads are run this way).
 */
export async function settleInOrder<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
	stopOnError: boolean,
): Promise<Array<Settled<T> | undefined>> {
	const results: Array<Settled<T> | undefined> = new Array(count);
	let next = 0;
	let failed = false;
	const runner = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, runner));
	return results;
}
