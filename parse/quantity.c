/*
 * Quantities in the narrative: a number (Arabic or Chinese) followed by a
 * unit of parse/units.txt, with the words right before it as context
 * ("使用资金19.47万元"). Values stay as written; load normalizes them.
 */
#include <string.h>

#include "internal.h"

/* The context is a short run of words: at most this many characters. */
#define CONTEXT_CHARS 12

static gboolean
is_digitish(gunichar c)
{
	return g_unichar_isdigit(c) || c == '.' || c == ',' || c == 0xFF0E;
}

static gboolean
is_gap(gunichar c)
{
	return c == ' ' || c == 0x3000 || c == 0xA0;
}

/* The words before a number, across the spaces some writers put there. */
static char *
context_before(const char *s, size_t at)
{
	const char *p = s + at, *end;
	int n = 0;

	while (p > s && is_gap(g_utf8_get_char(g_utf8_prev_char(p))))
		p = g_utf8_prev_char(p);
	end = p;
	while (p > s && n < CONTEXT_CHARS) {
		const char *q = g_utf8_prev_char(p);
		gunichar c = g_utf8_get_char(q);
		if (!g_unichar_isalpha(c))
			break;
		p = q;
		n++;
	}
	return g_strndup(p, end - p);
}

void
quantities_find(struct parser *P, struct finding *fd)
{
	const char *s = fd->text;
	size_t len = strlen(s), pos = 0;
	struct rx_match m;

	while (rx_find(&P->rx, P->quantity, s, len, pos, &m)) {
		/* Not the tail of a longer number ("2019" in "12019年"). */
		if (m.start[0] > 0 && is_digitish(g_utf8_get_char(
		    g_utf8_prev_char(s + m.start[0])))) {
			pos = g_utf8_next_char(s + m.start[0]) - s;
			continue;
		}
		struct quantity *q = g_new0(struct quantity, 1);
		char *qual = rx_group(&m, s, 2);
		q->value = rx_group(&m, s, 1);
		q->unit = rx_group(&m, s, 3);
		q->context = context_before(s, m.start[0]);
		q->text = g_strconcat(q->context, q->value, qual, q->unit, NULL);
		g_free(qual);
		g_ptr_array_add(fd->quantities, q);
		pos = m.end[0];
	}
}
