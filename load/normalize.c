#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "numeral.h"
#include "text.h"

/*
 * Where the commas of the number at the start of h (half-width) fall.
 * By threes (8,993,600.00) they are thousands separators. By threes but
 * for one or two digits after the last and no point (1,850,000,00;
 * 98,38) the last is the typist's point, or a decimal comma; *point is
 * set to it. Any other way (18,50,000; 1234,567) they are read as
 * separators all the same, but the reading is doubtful: false.
 */
static bool
grouped_by_threes(const char *h, const char **point)
{
	const char *p = h, *last = NULL;
	int first = 0, group = 0, groups = 0;
	bool threes = true;

	*point = NULL;
	/* Past a sign, white space and ¥ or ￥. */
	while (*p == ' ' || *p == '-' || *p == '+' || g_utf8_get_char(p) ==
	    0xA5 || g_utf8_get_char(p) == 0xFFE5)
		p = g_utf8_next_char(p);
	for (; g_ascii_isdigit(*p) || *p == ','; p++) {
		if (*p != ',') {
			group++;
			continue;
		}
		if (groups == 0)
			first = group;
		else if (group != 3)
			threes = false;
		groups++;
		group = 0;
		last = p;
	}
	if (groups == 0)
		return true;
	if (first < 1 || first > 3)
		threes = false;
	if (threes && group == 3)
		return true;
	/* 1,850,000,00 and 98,38 (not 1,850,000,00.5). */
	if (threes && (group == 1 || group == 2) && *p != '.') {
		*point = last;
		return true;
	}
	return false;
}

/*
 * Half-width, without white space, thousands separators or currency
 * signs; a typist's comma for the point made a point.
 */
static char *
compact(const char *text)
{
	char *h = text_halfwidth(text);
	GString *o = g_string_sized_new(strlen(h));
	const char *point;

	grouped_by_threes(h, &point);
	for (const char *p = h; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (p == point)
			g_string_append_c(o, '.');
		if (c == ' ' || c == '\t' || c == '\n' || c == ',' ||
		    c == 0xFFE5 || c == 0xA5 || c == 0xA0)
			continue;
		g_string_append_unichar(o, c);
	}
	g_free(h);
	return g_string_free(o, FALSE);
}

char *
norm_grouping(const char *text)
{
	char *h = text_halfwidth(text);
	const char *point;
	bool threes = grouped_by_threes(h, &point);

	g_free(h);
	return threes && point == NULL ? NULL : compact(text);
}

/* Digits with an optional sign and decimals: the integer and fraction. */
static const char *
decimal(const char *s, bool *neg, GString *ip, GString *fp)
{
	const char *p = s;

	*neg = false;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	while (g_ascii_isdigit(*p))
		g_string_append_c(ip, *p++);
	if (*p == '.' && g_ascii_isdigit(p[1])) {
		p++;
		while (g_ascii_isdigit(*p))
			g_string_append_c(fp, *p++);
	}
	return ip->len + fp->len > 0 ? p : NULL;
}

static const struct {
	const char *unit;
	int fen_digits;		/* log10 of the fen in one unit */
} money_units[] = {
	{ "亿元", 10 }, { "万元", 6 }, { "千元", 5 }, { "元", 2 },
	{ "亿", 10 }, { "万", 6 },
};

static int
fen_digits(const char *unit)
{
	for (size_t i = 0; i < G_N_ELEMENTS(money_units); i++)
		if (strcmp(unit, money_units[i].unit) == 0)
			return money_units[i].fen_digits;
	return -1;
}

enum money_read { MONEY_NONE, MONEY_OK, MONEY_TOO_LARGE };

static enum money_read
money_read(const char *text, const char *unit, gint64 *fen)
{
	char *s = compact(text);
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	bool neg;
	enum money_read ok = MONEY_NONE;
	const char *rest = decimal(s, &neg, ip, fp);
	int digits;
	gint64 v = 0, scale = 1;

	if (rest == NULL)
		goto out;
	digits = fen_digits(*rest ? rest : unit ? unit : "元");
	if (digits < 0)
		goto out;
	if (ip->len > NORM_MAX_DIGITS) {
		ok = MONEY_TOO_LARGE;
		goto out;
	}
	/* Round the fraction to whole fen, half up, then scale exactly. */
	if ((int)fp->len > digits) {
		bool up = fp->str[digits] >= '5';
		g_string_truncate(fp, digits);
		if (up) {
			int i = digits - 1;
			while (i >= 0 && fp->str[i] == '9')
				fp->str[i--] = '0';
			if (i >= 0)
				fp->str[i]++;
			else {
				/* 0.999 -> 1.00: carry into the integer part. */
				char *n = g_strdup_printf("%" G_GINT64_FORMAT,
				    g_ascii_strtoll(ip->len ? ip->str : "0",
				    NULL, 10) + 1);
				g_string_assign(ip, n);
				g_free(n);
			}
		}
	}
	while ((int)fp->len < digits)
		g_string_append_c(fp, '0');
	for (int i = 0; i < digits; i++)
		scale *= 10;
	v = g_ascii_strtoll(ip->len ? ip->str : "0", NULL, 10);
	if (v >= G_MAXINT64 / scale) {
		ok = MONEY_TOO_LARGE;
		goto out;
	}
	v = v * scale + (digits ? g_ascii_strtoll(fp->str, NULL, 10) : 0);
	*fen = neg ? -v : v;
	ok = MONEY_OK;
out:
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	g_free(s);
	return ok;
}

bool
norm_money(const char *text, const char *unit, gint64 *fen)
{
	return money_read(text, unit, fen) == MONEY_OK;
}

bool
norm_too_large(const char *text, const char *money_unit)
{
	char *s = compact(text);
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	bool neg, big = decimal(s, &neg, ip, fp) != NULL &&
	    ip->len > NORM_MAX_DIGITS;
	gint64 fen;

	if (!big && money_unit != NULL)
		big = money_read(text, money_unit, &fen) == MONEY_TOO_LARGE;
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	g_free(s);
	return big;
}

/* The number at the start of s; *rest points after it. */
static bool
leading_number(const char *s, double *v, const char **rest)
{
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	bool neg;
	const char *end = decimal(s, &neg, ip, fp);

	if (end != NULL && ip->len > NORM_MAX_DIGITS)
		end = NULL;
	if (end != NULL) {
		char *num = g_strdup_printf("%s%s.%s", neg ? "-" : "",
		    ip->len ? ip->str : "0", fp->len ? fp->str : "0");
		*v = g_ascii_strtod(num, NULL);
		g_free(num);
		*rest = end;
	}
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	return end != NULL;
}

bool
norm_number(const char *text, double *v)
{
	char *s = compact(text);
	const char *rest;
	bool ok = leading_number(s, v, &rest) &&
	    (*rest == '\0' || strcmp(rest, "分") == 0);

	g_free(s);
	return ok;
}

bool
norm_percent(const char *text, double *v)
{
	char *s = compact(text);
	const char *rest;
	bool ok = leading_number(s, v, &rest) &&
	    (*rest == '\0' || strcmp(rest, "%") == 0);

	g_free(s);
	return ok;
}

bool
norm_date(const char *text, char iso[11])
{
	char *s = compact(text);
	/* Widths bound the digits: no int overflow, no year past 9999. */
	static const char *const formats[] = { "%4d-%2d-%2d%n",
	    "%4d/%2d/%2d%n", "%4d.%2d.%2d%n", "%4d年%2d月%2d日%n",
	    "%4d年%2d月%2d%n" };
	int y, m, d, n;
	bool ok = false;

	for (size_t i = 0; i < G_N_ELEMENTS(formats) && !ok; i++) {
		n = 0;
		if (sscanf(s, formats[i], &y, &m, &d, &n) == 3 &&
		    s[n] == '\0' && g_date_valid_dmy(d, m, y) && y >= 1900)
			ok = true;
	}
	if (ok)
		g_snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	g_free(s);
	return ok;
}

bool
norm_bool(const char *text, int *v)
{
	static const char *const yes[] = { "是", "Y", "y", "YES", "Yes", "yes",
	    "√", "✓" };
	static const char *const no[] = { "否", "N", "n", "NO", "No", "no",
	    "×", "✗" };
	char *s = compact(text);
	bool ok = false;

	for (size_t i = 0; i < G_N_ELEMENTS(yes) && !ok; i++)
		if (strcmp(s, yes[i]) == 0) {
			*v = 1;
			ok = true;
		}
	for (size_t i = 0; i < G_N_ELEMENTS(no) && !ok; i++)
		if (strcmp(s, no[i]) == 0) {
			*v = 0;
			ok = true;
		}
	g_free(s);
	return ok;
}

/* A local number: seven or eight digits, not starting 0 or 1. */
static bool
local_number(const char *d, size_t n)
{
	return (n == 7 || n == 8) && d[0] >= '2';
}

/* A number written without separators. */
static bool
whole_number(const char *d)
{
	size_t n = strlen(d);

	if (strncmp(d, "86", 2) == 0 && n > 11 && whole_number(d + 2))
		return true;	/* +86 */
	if (n == 11 && d[0] == '1' && d[1] >= '3')
		return true;
	if (d[0] == '0')
		return (n >= 10 && local_number(d + 3, n - 3)) ||
		    (n >= 11 && local_number(d + 4, n - 4));
	if ((strncmp(d, "400", 3) == 0 || strncmp(d, "800", 3) == 0) &&
	    n == 10)
		return true;
	return local_number(d, n) || (n == 5 && d[0] == '1') ||
	    ((n == 5 || n == 6) && strncmp(d, "95", 2) == 0);
}

/*
 * One number as written: its digit groups (023-6782-1456 is three). The
 * grouping is the writer's: "023-678214506" is an area code and nine
 * digits, though 0236-78214506 would pass unwritten.
 */
static bool
phone_groups(GPtrArray *g)
{
	GString *all = g_string_new(NULL);
	const char *first = g->pdata[0], *last = g->pdata[g->len - 1];
	bool ok;

	for (guint i = 0; i < g->len; i++)
		g_string_append(all, g->pdata[i]);
	if (g->len >= 2 && first[0] == '0' && (strlen(first) == 3 ||
	    strlen(first) == 4)) {
		/* An area code, the local number, perhaps an extension. */
		size_t a = strlen(first), ext = strlen(last);
		ok = local_number(all->str + a, all->len - a) ||
		    (g->len >= 3 && ext <= 5 &&
		    local_number(all->str + a, all->len - a - ext));
	} else
		ok = whole_number(all->str) || (g->len == 2 &&
		    strlen(last) <= 5 && whole_number(first));
	g_string_free(all, TRUE);
	return ok;
}

bool
norm_phone(const char *text)
{
	char *h = text_halfwidth(text);
	GPtrArray *groups = g_ptr_array_new_with_free_func(g_free);
	bool ok = true, any = false;
	const char *p = h;

	/*
	 * Numbers are runs of digits, blanks, hyphens, dashes and brackets;
	 * anything else ends one. A run of under five digits is no number
	 * (the 8001 of 转8001, a room).
	 */
	while (*p && ok) {
		size_t digits = 0;
		g_ptr_array_set_size(groups, 0);
		for (;;) {
			gunichar c = g_utf8_get_char(p);
			if (g_ascii_isdigit(*p)) {
				size_t n = strspn(p, "0123456789");
				g_ptr_array_add(groups, g_strndup(p, n));
				digits += n;
				p += n;
			} else if (*p && strchr(" -()+", *p))
				p++;
			else if (c == 0x2014 || c == 0x2013 || c == 0x2015)
				p = g_utf8_next_char(p);
			else
				break;
		}
		if (digits >= 5) {
			any = true;
			ok = phone_groups(groups);
		}
		if (*p)
			p = g_utf8_next_char(p);
	}
	g_ptr_array_free(groups, TRUE);
	g_free(h);
	return ok && any;
}

const char *
norm_nature(const char *text)
{
	static const char *const kinds[] = { "定量", "定性" };
	char *s = compact(text);
	const char *k = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(kinds) && k == NULL; i++)
		if (g_str_has_prefix(s, kinds[i]) && (strlen(s) ==
		    strlen(kinds[i]) || strcmp(s + strlen(kinds[i]), "指标") == 0))
			k = kinds[i];
	g_free(s);
	return k;
}

bool
norm_year(const char *text, int *year)
{
	char *s = text ? compact(text) : g_strdup("");
	bool ok = false;

	for (const char *p = s; *p && !ok; p++) {
		if (!g_ascii_isdigit(p[0]) || !g_ascii_isdigit(p[1]) ||
		    !g_ascii_isdigit(p[2]) || !g_ascii_isdigit(p[3]) ||
		    g_ascii_isdigit(p[4]) || (p > s && g_ascii_isdigit(p[-1])))
			continue;
		if (strncmp(p + 4, "年", 3) != 0)
			continue;
		int y = (int)g_ascii_strtoll(p, NULL, 10);
		if (y >= 1990 && y <= 2100) {
			*year = y;
			ok = true;
		}
	}
	g_free(s);
	return ok;
}

static int
unit_prefix_digits(const char *unit, const char **base)
{
	static const struct { const char *p; int digits; } prefixes[] = {
		{ "万", 4 }, { "亿", 8 }, { "千", 3 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++) {
		size_t n = strlen(prefixes[i].p);
		if (strncmp(unit, prefixes[i].p, n) == 0 && unit[n] != '\0') {
			*base = unit + n;
			return prefixes[i].digits;
		}
	}
	*base = unit;
	return 0;
}

bool
norm_quantity(const char *value, const char *unit, double *value_norm,
    char **unit_norm)
{
	char *s = compact(value);
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	const char *base, *rest;
	bool neg, ok = true;
	int shift = unit_prefix_digits(unit, &base);

	rest = decimal(s, &neg, ip, fp);
	if (rest != NULL && ip->len > NORM_MAX_DIGITS)
		ok = false;
	else if (rest != NULL && *rest == '\0') {
		/* Exact decimal shift: "19.47" and 万 -> "1947e2". */
		char *num = g_strdup_printf("%s%s%se%d", neg ? "-" : "",
		    ip->len ? ip->str : "0", fp->str,
		    shift - (int)fp->len);
		*value_norm = g_ascii_strtod(num, NULL);
		g_free(num);
	} else {
		gint64 n = cn_numeral(s);
		if (n < 0)
			ok = false;
		else {
			*value_norm = (double)n;
			for (int i = 0; i < shift; i++)
				*value_norm *= 10;
		}
	}
	if (ok)
		*unit_norm = g_strdup(strcmp(base, "％") == 0 ? "%" : base);
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	g_free(s);
	return ok;
}

bool
norm_weighted_label(const char *text, char **label, double *weight)
{
	char *s = g_strdup(text);
	char *open, *close;
	bool ok = false;

	text_trim(s);
	close = s + strlen(s);
	if (g_str_has_suffix(s, ")"))
		close -= 1;
	else if (g_str_has_suffix(s, "）"))
		close -= 3;
	if (close < s + strlen(s)) {
		open = g_strrstr_len(s, close - s, "（");
		char *o2 = g_strrstr_len(s, close - s, "(");
		if (open == NULL || (o2 && o2 > open))
			open = o2;
		if (open != NULL) {
			char *inner = g_strndup(open + (*open == '(' ? 1 : 3),
			    close - open - (*open == '(' ? 1 : 3));
			const char *rest;
			char *c = compact(inner);
			if (g_str_has_suffix(c, "分") &&
			    leading_number(c, weight, &rest) &&
			    strcmp(rest, "分") == 0) {
				*open = '\0';
				ok = true;
			}
			g_free(c);
			g_free(inner);
		}
	}
	*label = text_trim(s);
	return ok;
}

bool
norm_comparison(const char *text, char **op)
{
	char *unit = NULL;
	double v;
	char *with = g_strconcat(text, "0", NULL);
	bool ok = norm_target(with, op, &v, &unit) && *op != NULL &&
	    unit == NULL && v == 0;

	g_free(with);
	g_free(unit);
	if (!ok) {
		g_free(*op);
		*op = NULL;
	}
	return ok;
}

/*
 * A date where a quantity would be (a 时效 indicator's 2023年10月底前,
 * 12月31日前): its leading number is a year, or a month before its day,
 * not an amount to compare with the actual's. A month alone (11月底前)
 * stays a figure, unit 月底前: two of them compare within the year.
 */
static bool
date_like(double v, const char *rest)
{
	if (v != floor(v))
		return false;
	if (g_str_has_prefix(rest, "年"))
		return v >= 1900 && v <= 2100;
	return v >= 1 && v <= 12 && g_str_has_prefix(rest, "月") &&
	    g_ascii_isdigit(rest[strlen("月")]);
}

bool
norm_target(const char *text, char **op, double *value, char **unit)
{
	static const struct { const char *w; const char *op; } ops[] = {
		{ ">=", ">=" }, { "<=", "<=" }, { "≥", ">=" }, { "≤", "<=" },
		{ "≧", ">=" }, { "≦", "<=" }, { "﹦", "=" }, { "=", "=" },
		{ "＝", "=" }, { ">", ">" }, { "<", "<" }, { "﹥", ">" },
		{ "﹤", "<" }, { "大于等于", ">=" }, { "小于等于", "<=" },
		{ "不低于", ">=" }, { "不少于", ">=" }, { "不高于", "<=" },
		{ "不超过", "<=" }, { "不多于", "<=" }, { "大于", ">" },
		{ "小于", "<" }, { "高于", ">" }, { "低于", "<" },
		{ "达到", ">=" }, { "等于", "=" },
	};
	static const struct { const char *w; const char *op; } post[] = {
		{ "以上", ">=" }, { "以下", "<=" }, { "以内", "<=" },
	};
	char *s = compact(text);
	const char *p = s, *rest, *o = NULL;
	bool ok = false;

	for (size_t i = 0; i < G_N_ELEMENTS(ops) && !o; i++)
		if (g_str_has_prefix(p, ops[i].w)) {
			o = ops[i].op;
			p += strlen(ops[i].w);
		}
	if (leading_number(p, value, &rest) && !date_like(*value, rest)) {
		char *u = g_strdup(rest);
		for (size_t i = 0; i < G_N_ELEMENTS(post); i++)
			if (g_str_has_suffix(u, post[i].w)) {
				u[strlen(u) - strlen(post[i].w)] = '\0';
				if (!o)
					o = post[i].op;
			}
		*op = o ? g_strdup(o) : NULL;
		*unit = u[0] ? u : NULL;
		if (!u[0])
			g_free(u);
		ok = true;
	}
	g_free(s);
	return ok;
}
