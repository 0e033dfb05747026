#include "pagelist.h"

/* "1-3, 5" from a sorted list of page numbers. */
char *
page_list(GArray *pages)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < pages->len; i++) {
		int first = g_array_index(pages, int, i), last = first;
		while (i + 1 < pages->len &&
		    g_array_index(pages, int, i + 1) == last + 1)
			last = g_array_index(pages, int, ++i);
		if (s->len)
			g_string_append(s, ", ");
		if (first == last)
			g_string_append_printf(s, "%d", first);
		else
			g_string_append_printf(s, "%d-%d", first, last);
	}
	return g_string_free(s, FALSE);
}
