/*
 * libFuzzer harness: load's normalizers (money, numbers, percentages,
 * dates, yes/no, years, quantities, weighted labels, targets, phone
 * numbers) and the
 * Chinese numeral reader. The first byte picks the function; the rest,
 * split at the first newline, is the text and the unit. Values reach the
 * normalizers from json-glib, so only valid UTF-8 is tried.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "numeral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *unit, *nl, *s = NULL, *u = NULL, iso[11];
	gint64 fen;
	double v;
	int b;

	if (size < 1 || memchr(data + 1, '\0', size - 1) != NULL ||
	    !g_utf8_validate((const char *)data + 1, (gssize)size - 1, NULL))
		return 0;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	text = g_strndup((const char *)data + 1, size - 1);
	unit = "元";
	if ((nl = strchr(text, '\n')) != NULL) {
		*nl = '\0';
		unit = nl + 1;
	}
	switch (data[0] % 14) {
	case 0:
		if (norm_money(text, unit, &fen) && norm_too_large(text, unit))
			abort();	/* refused and stored at once */
		break;
	case 1:
		if (norm_number(text, &v) && !isfinite(v))
			abort();
		break;
	case 2:
		if (norm_percent(text, &v) && !isfinite(v))
			abort();
		break;
	case 3:
		if (norm_date(text, iso) && (strlen(iso) != 10 ||
		    iso[4] != '-' || iso[7] != '-'))
			abort();
		break;
	case 4:
		if (norm_bool(text, &b) && b != 0 && b != 1)
			abort();
		break;
	case 5:
		(void)norm_year(text, &b);
		break;
	case 6:
		if (norm_quantity(text, unit, &v, &u)) {
			if (!g_utf8_validate(u, -1, NULL))
				abort();
			g_free(u);
		}
		break;
	case 7:
		(void)norm_weighted_label(text, &s, &v);
		if (!g_utf8_validate(s, -1, NULL))
			abort();
		g_free(s);
		break;
	case 8:
		if (norm_target(text, &s, &v, &u)) {
			g_free(s);
			g_free(u);
		}
		break;
	case 9:
		if (norm_comparison(text, &s))
			g_free(s);
		break;
	case 10:
		(void)cn_numeral(text);
		break;
	case 11:
		(void)norm_too_large(text, *unit ? unit : NULL);
		break;
	case 12:
		(void)norm_phone(text);
		break;
	case 13:
		/* What an audit row says was read: valid UTF-8. */
		if ((s = norm_grouping(text)) != NULL &&
		    !g_utf8_validate(s, -1, NULL))
			abort();
		g_free(s);
		break;
	}
	g_free(text);
	return 0;
}
