/*
 * OpenMP's parallel regions, run on the calling thread. Debian's
 * Tesseract is built with OpenMP, and its LSTM network opens a parallel
 * region (sections for the four gates, a loop for the output layer) at
 * every step of every line it reads. selfeval runs it on one thread
 * (workers are processes), and for a team of one libgomp still ends each
 * region at a barrier that wakes waiters with a futex system call:
 * 260,000 calls for one scanned page, 13 % of its CPU time on the
 * virtual machine this was measured on (3.45 s against 3.00 s).
 *
 * These are the entry points GCC compiles those regions to, which
 * libtesseract calls (nm -D --undefined-only lists them). Defined in the
 * executable and exported (the Makefile's --export-dynamic-symbol), they
 * come before libgomp's for Tesseract once it is opened (tess.c): each
 * region runs as libgomp runs it for a team of one, without the barrier.
 * omp_get_num_threads and omp_get_thread_num stay libgomp's, and outside
 * a team they answer 1 and 0, so a region's loop takes all its steps.
 * A region of another kind would go to libgomp, which OMP_THREAD_LIMIT
 * keeps to one thread (tess.c).
 */
#include <glib.h>

#include "ompserial.h"

/*
 * The sections of the region being run: the ABI passes no handle to
 * GOMP_sections_next, so this is the process's (one thread), as libgomp's
 * own is each thread's. A region inside a section saves and restores it.
 */
static struct {
	unsigned next, count;
} sections;

void
GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
    unsigned flags)
{
	(void)num_threads;
	(void)flags;
	fn(data);
}

void
GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads,
    unsigned count, unsigned flags)
{
	unsigned next = sections.next, n = sections.count;

	(void)num_threads;
	(void)flags;
	sections.next = 1;
	sections.count = count;
	fn(data);
	sections.next = next;
	sections.count = n;
}

/* The next section to run, numbered from 1; 0 when all have run. */
unsigned
GOMP_sections_next(void)
{
	return sections.next <= sections.count ? sections.next++ : 0;
}

void
GOMP_sections_end_nowait(void)
{
}
