/*
 * normtest FILE...: the normalization rules of load, as data. Each line
 * of a *.norm file is "KIND<TAB>INPUT<TAB>UNIT<TAB>EXPECTED" (UNIT may be
 * "-"); EXPECTED "none" means the input holds no value. Prints "ok" or
 * "FAIL" per case, for tests/run to count.
 */
#include <stdio.h>
#include <string.h>

#include "normalize.h"
#include "numeral.h"

static char *
run(const char *kind, const char *in, const char *unit)
{
	gint64 fen;
	double v;
	char iso[11], *s = NULL, *u = NULL;
	int b;

	if (strcmp(kind, "money") == 0)
		return norm_money(in, unit, &fen) ?
		    g_strdup_printf("%" G_GINT64_FORMAT, fen) : NULL;
	if (strcmp(kind, "number") == 0)
		return norm_number(in, &v) ? g_strdup_printf("%.15g", v) : NULL;
	if (strcmp(kind, "percent") == 0)
		return norm_percent(in, &v) ? g_strdup_printf("%.15g", v) : NULL;
	if (strcmp(kind, "date") == 0)
		return norm_date(in, iso) ? g_strdup(iso) : NULL;
	if (strcmp(kind, "bool") == 0)
		return norm_bool(in, &b) ? g_strdup_printf("%d", b) : NULL;
	if (strcmp(kind, "year") == 0)
		return norm_year(in, &b) ? g_strdup_printf("%d", b) : NULL;
	if (strcmp(kind, "phone") == 0)
		return g_strdup(norm_phone(in) ? "yes" : "no");
	if (strcmp(kind, "toolarge") == 0)
		return g_strdup(norm_too_large(in, unit) ? "yes" : "no");
	if (strcmp(kind, "grouping") == 0) {
		s = norm_grouping(in);
		return s ? s : g_strdup("threes");
	}
	if (strcmp(kind, "cn") == 0) {
		gint64 n = cn_numeral(in);
		return n >= 0 ? g_strdup_printf("%" G_GINT64_FORMAT, n) : NULL;
	}
	if (strcmp(kind, "quantity") == 0) {
		if (!norm_quantity(in, unit, &v, &u))
			return NULL;
		s = g_strdup_printf("%.15g %s", v, u);
		g_free(u);
		return s;
	}
	if (strcmp(kind, "label") == 0) {
		gboolean ok = norm_weighted_label(in, &s, &v);
		char *r = ok ? g_strdup_printf("%s|%.15g", s, v) :
		    g_strdup_printf("%s|-", s);
		g_free(s);
		return r;
	}
	if (strcmp(kind, "nature") == 0)
		return norm_nature(in) ? g_strdup(norm_nature(in)) : NULL;
	if (strcmp(kind, "comparison") == 0) {
		if (!norm_comparison(in, &s))
			return NULL;
		return s;
	}
	if (strcmp(kind, "target") == 0) {
		if (!norm_target(in, &s, &v, &u))
			return NULL;
		char *r = g_strdup_printf("%s|%.15g|%s", s ? s : "-", v,
		    u ? u : "-");
		g_free(s);
		g_free(u);
		return r;
	}
	return g_strdup_printf("unknown kind %s", kind);
}

int
main(int argc, char **argv)
{
	int failed = 0;

	for (int f = 1; f < argc; f++) {
		char *data;
		if (!g_file_get_contents(argv[f], &data, NULL, NULL)) {
			printf("FAIL %s: cannot read\n", argv[f]);
			failed++;
			continue;
		}
		char **lines = g_strsplit(data, "\n", 0);
		for (int i = 0; lines[i]; i++) {
			if (lines[i][0] == '#' || lines[i][0] == '\0')
				continue;
			char **c = g_strsplit(lines[i], "\t", 4);
			if (g_strv_length(c) != 4) {
				printf("FAIL %s:%d: needs 4 TAB-separated fields\n",
				    argv[f], i + 1);
				failed++;
			} else {
				char *got = run(c[0], c[1],
				    strcmp(c[2], "-") ? c[2] : NULL);
				const char *want = c[3];
				if (g_strcmp0(got ? got : "none", want) == 0)
					printf("ok %s:%d\n", argv[f], i + 1);
				else {
					printf("FAIL %s:%d: %s '%s': expected %s, "
					    "got %s\n", argv[f], i + 1, c[0],
					    c[1], want, got ? got : "none");
					failed++;
				}
				g_free(got);
			}
			g_strfreev(c);
		}
		g_strfreev(lines);
		g_free(data);
	}
	return failed ? 1 : 0;
}
