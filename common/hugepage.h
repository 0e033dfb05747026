/*
 * Transparent huge pages: fresh memory costs a page fault per 4 KiB first
 * touched, and on the virtual machines here a fault costs 10 to 25 us. In
 * 2 MiB pages, where the kernel offers them ("madvise" by default in
 * Debian), the same memory costs a fault per 2 MiB. Both calls are hints:
 * where the kernel refuses, memory is as it was.
 */
#ifndef SE_HUGEPAGE_H
#define SE_HUGEPAGE_H
#include <stddef.h>

#define HUGE_PAGE ((size_t)2 << 20)

/* Ask for the whole huge pages inside [p, p + len) to be huge. */
void huge_pages(void *p, size_t len);

/*
 * Grow malloc's heap by mb MiB at once, ask for it in huge pages, and
 * keep it for what is allocated next (M_TRIM_THRESHOLD must be above mb:
 * the caller's, as it decides what a process keeps). Nothing is touched,
 * so what is never used costs nothing.
 */
void heap_in_huge_pages(size_t mb);
#endif
