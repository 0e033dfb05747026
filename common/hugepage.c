#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "hugepage.h"

void
huge_pages(void *p, size_t len)
{
	uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t b = ((uintptr_t)p + len) & ~(uintptr_t)(HUGE_PAGE - 1);

	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
}

void
heap_in_huge_pages(size_t mb)
{
	void *p;

	/*
	 * From the heap, not a mapping of its own (which free would give
	 * back): blocks this large are mapped unless mapping is off.
	 */
	mallopt(M_MMAP_MAX, 0);
	p = malloc(mb << 20);
	mallopt(M_MMAP_MAX, 65536);	/* glibc's default */
	if (p == NULL)
		return;
	huge_pages(p, mb << 20);
	free(p);
}
