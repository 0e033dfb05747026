#ifndef SE_PAGELIST_H
#define SE_PAGELIST_H

#include <glib.h>

/* "1-3, 5" from an ascending GArray of int page numbers, for messages. */
char *page_list(GArray *pages);

#endif
